//! Writes a large, realistic, deterministic buyin site, and the same data as a Hugo site,
//! for the speed benchmark (`benches/run.sh`, described in docs/PERFORMANCE.md).
//!
//! ```sh
//! cargo run --release --example corpus -- --courses 10000 --out /tmp/site [--seed 1] [--hugo /tmp/hugo-site]
//! ```
//!
//! For N courses the buyin site has N/2 leaders in 12 departments, 5 endorsements per
//! course by distinct leaders, N/5 leadership meetings with outcomes, one manager poll and
//! 1-3 sessions per course; course bodies are about 2 KB of Markdown. The same seed always
//! writes the same files. The Hugo site carries the same course front matter and bodies and
//! the records as JSON data files keyed for direct lookups; its layouts (benches/hugo/)
//! render the same information on the same pages.
//!
//! Output folders are created; a folder written earlier by this generator is replaced, any
//! other non-empty folder is refused.

use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::fs;
use std::io::{self, BufWriter, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use rayon::prelude::*;
use serde_json::{Map, Value, json};

const USAGE: &str = "usage: corpus --courses N --out DIR [--seed S] [--hugo HUGO_DIR]";

/// File marking a folder as written by this generator, so it may be replaced.
const MARKER: &str = ".buyin-corpus";

// ---------------------------------------------------------------------------------------
// Arguments.

struct Args {
    courses: usize,
    out: PathBuf,
    seed: u64,
    hugo: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut courses = None;
    let mut out = None;
    let mut seed = 1;
    let mut hugo = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--courses" => {
                let v = value("--courses")?;
                courses = Some(v.parse().map_err(|_| format!("`{v}` is not a number"))?);
            }
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--seed" => {
                let v = value("--seed")?;
                seed = v.parse().map_err(|_| format!("`{v}` is not a number"))?;
            }
            "--hugo" => hugo = Some(PathBuf::from(value("--hugo")?)),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    let courses: usize = courses.ok_or("--courses is required")?;
    if courses == 0 {
        return Err("--courses must be at least 1".into());
    }
    Ok(Args {
        courses,
        out: out.ok_or("--out is required")?,
        seed,
        hugo,
    })
}

// ---------------------------------------------------------------------------------------
// A small deterministic random number generator (SplitMix64), one stream per record so
// that records can be written in parallel and still come out the same.

struct Rng(u64);

const LEADER_STREAM: u64 = 1;
const COURSE_STREAM: u64 = 2;
const ENDORSEMENT_STREAM: u64 = 3;
const BODY_STREAM: u64 = 4;
const MEETING_STREAM: u64 = 5;
const POLL_STREAM: u64 = 6;

impl Rng {
    fn new(seed: u64, stream: u64, index: usize) -> Rng {
        let mut rng = Rng(seed
            ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ (index as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
        rng.next();
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }

    /// A number in `lo..=hi`.
    fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// Between `lo` and `hi` distinct numbers in `0..n`.
    fn some(&mut self, n: usize, lo: usize, hi: usize) -> Vec<usize> {
        let k = self.between(lo, hi);
        self.distinct(n, k)
    }

    /// `k` distinct numbers in `0..n` (k is small), in the order drawn.
    fn distinct(&mut self, n: usize, k: usize) -> Vec<usize> {
        let k = k.min(n);
        let mut out = Vec::with_capacity(k);
        while out.len() < k {
            let x = self.below(n);
            if !out.contains(&x) {
                out.push(x);
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------------------
// Word lists.

struct Dept {
    id: &'static str,
    name: &'static str,
    executive: &'static str,
    areas: [&'static str; 3],
}

const DEPARTMENTS: [Dept; 12] = [
    Dept {
        id: "operations",
        name: "Operations",
        executive: "Chief Operating Officer",
        areas: ["Scheduling", "Site Operations", "Logistics"],
    },
    Dept {
        id: "clinical-services",
        name: "Clinical Services",
        executive: "Chief Medical Officer",
        areas: ["Nursing", "Outpatients", "Patient Safety"],
    },
    Dept {
        id: "finance",
        name: "Finance",
        executive: "Chief Financial Officer",
        areas: ["Financial Planning", "Payroll", "Management Accounts"],
    },
    Dept {
        id: "people-culture",
        name: "People & Culture",
        executive: "Chief People Officer",
        areas: ["Talent", "Employee Relations", "Learning"],
    },
    Dept {
        id: "customer-service",
        name: "Customer Service",
        executive: "Chief Customer Officer",
        areas: ["Contact Centre", "Complaints", "Customer Insight"],
    },
    Dept {
        id: "technology",
        name: "Technology",
        executive: "Chief Technology Officer",
        areas: ["Infrastructure", "Service Desk", "Digital Products"],
    },
    Dept {
        id: "legal-compliance",
        name: "Legal & Compliance",
        executive: "General Counsel",
        areas: ["Information Governance", "Contracts", "Regulatory Affairs"],
    },
    Dept {
        id: "facilities",
        name: "Facilities & Estates",
        executive: "Director of Estates",
        areas: ["Maintenance", "Health and Safety", "Sustainability"],
    },
    Dept {
        id: "procurement",
        name: "Procurement",
        executive: "Chief Procurement Officer",
        areas: ["Sourcing", "Supplier Management", "Category Management"],
    },
    Dept {
        id: "marketing",
        name: "Marketing & Communications",
        executive: "Chief Marketing Officer",
        areas: ["Internal Communications", "Brand", "Campaigns"],
    },
    Dept {
        id: "research",
        name: "Research & Development",
        executive: "Director of Research",
        areas: ["Clinical Trials", "Research Governance", "Innovation"],
    },
    Dept {
        id: "quality-safety",
        name: "Quality & Safety",
        executive: "Chief Quality Officer",
        areas: ["Audit", "Incident Review", "Quality Improvement"],
    },
];

const FIRST_NAMES: &[&str] = &[
    "Priya",
    "Tom",
    "Amara",
    "Ben",
    "Daniel",
    "Fiona",
    "Grace",
    "Hannah",
    "James",
    "Leila",
    "Marcus",
    "Oliver",
    "Rachel",
    "Sofia",
    "Yuki",
    "Aisha",
    "Callum",
    "Chloe",
    "David",
    "Elena",
    "Farid",
    "Gemma",
    "Hugo",
    "Imogen",
    "Jack",
    "Kavita",
    "Liam",
    "Maya",
    "Nadia",
    "Owen",
    "Parveen",
    "Quentin",
    "Rosa",
    "Samuel",
    "Tara",
    "Usman",
    "Vera",
    "William",
    "Xin",
    "Yasmin",
    "Zoe",
    "Adebayo",
    "Bethan",
    "Carlos",
    "Deepa",
    "Ewan",
    "Freya",
    "Gareth",
    "Hiroshi",
    "Isla",
    "Joanna",
    "Kwame",
    "Laura",
    "Mohammed",
    "Niamh",
    "Oscar",
    "Paula",
    "Ravi",
    "Siobhan",
    "Theo",
    "Ursula",
    "Victor",
    "Wendy",
    "Zainab",
    "Anil",
    "Bronwen",
    "Ciaran",
    "Dominika",
    "Emeka",
    "Fatima",
    "Gus",
    "Helena",
    "Ibrahim",
    "Jonas",
    "Katarzyna",
    "Lucia",
    "Mateo",
    "Nkechi",
    "Orla",
    "Pedro",
];

const LAST_NAMES: &[&str] = &[
    "Natarajan",
    "Okafor",
    "Osei",
    "Harrow",
    "Cho",
    "Gallagher",
    "Mensah",
    "Lindqvist",
    "Whitfield",
    "Haddad",
    "Reid",
    "Brandt",
    "Adeyemi",
    "Marquez",
    "Tanaka",
    "Ahmed",
    "Baker",
    "Campbell",
    "Davies",
    "Evans",
    "Fernandes",
    "Green",
    "Hughes",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Morgan",
    "Nowak",
    "O'Brien",
    "Patel",
    "Quinn",
    "Roberts",
    "Singh",
    "Taylor",
    "Usman",
    "Vaughan",
    "Walsh",
    "Xu",
    "Young",
    "Zielinski",
    "Abbott",
    "Bianchi",
    "Carter",
    "Dubois",
    "Ellis",
    "Fischer",
    "Gordon",
    "Hassan",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Lambert",
    "MacLeod",
    "Nguyen",
    "Oduya",
    "Price",
    "Rahman",
    "Sato",
    "Thompson",
    "Upton",
    "Varga",
    "Wright",
    "Yilmaz",
    "Zhang",
    "Allen",
    "Brennan",
    "Costa",
    "Doyle",
    "Edwards",
    "Fraser",
    "Gill",
    "Hall",
    "Ito",
    "Jackson",
    "Kelly",
    "Lopez",
    "Murphy",
    "Novak",
    "Owusu",
    "Pereira",
    "Robinson",
    "Shah",
    "Turner",
    "Ueda",
    "Volkov",
    "Ward",
    "Yates",
    "Zamora",
    "Ali",
    "Byrne",
    "Chen",
    "Dias",
    "Egan",
    "Foster",
    "Grant",
    "Hill",
    "Ibe",
    "Joseph",
    "Kumar",
];

const VERBS: &[&str] = &[
    "Leading",
    "Managing",
    "Running",
    "Planning",
    "Coaching",
    "Improving",
    "Delivering",
    "Understanding",
    "Presenting",
    "Negotiating",
    "Writing",
    "Reviewing",
    "Designing",
    "Measuring",
    "Handling",
    "Supporting",
    "Chairing",
    "Sponsoring",
    "Navigating",
    "Building",
];

const OBJECTS: &[&str] = &[
    "Difficult Conversations",
    "Team Budgets",
    "Safe Handovers",
    "Project Risk",
    "Customer Complaints",
    "Fair Rotas",
    "Inclusive Interviews",
    "Data Protection",
    "Performance Reviews",
    "Change Programmes",
    "Supplier Contracts",
    "Incident Reviews",
    "Hybrid Teams",
    "Clinical Audits",
    "Procurement Decisions",
    "Board Papers",
    "Service Redesign",
    "Health and Safety",
    "Wellbeing Check-ins",
    "Quality Improvement",
    "Absence Management",
    "Business Cases",
    "Workforce Planning",
    "Patient Feedback",
    "Cyber Security",
    "Records Management",
    "Meeting Culture",
    "Team Objectives",
    "New Starters",
    "Flexible Working",
    "Escalation Routes",
    "Mental Health Conversations",
    "Grievance Hearings",
    "Shift Patterns",
    "Overtime Costs",
    "Agency Staffing",
    "Accessible Documents",
    "Plain English",
    "Lean Processes",
    "Stakeholder Maps",
    "Vendor Onboarding",
    "Root Cause Analysis",
    "Risk Registers",
    "Capital Bids",
    "Service Metrics",
    "Team Retrospectives",
    "Peer Feedback",
    "Delegation",
    "Time Management",
    "Presentations to the Board",
    "Public Speaking",
    "Crisis Communications",
    "Safeguarding Concerns",
    "Medicines Management",
    "Infection Control",
    "Fire Safety",
    "Manual Handling",
    "Equality Impact Assessments",
    "Freedom of Information Requests",
    "Sustainability Targets",
];

const AUDIENCES: &[&str] = &[
    "New Managers",
    "Team Leaders",
    "Senior Leaders",
    "Clinicians",
    "Budget Holders",
    "Project Leads",
    "Front-line Staff",
    "Supervisors",
    "Ward Managers",
    "Contact Centre Teams",
    "Specialists",
    "Everyone",
];

const AUDIENCE_LINES: &[&str] = &[
    "Line managers and team leaders",
    "Anyone who manages a budget",
    "New managers in their first year",
    "Clinical and non-clinical supervisors",
    "Everyone who works with patients or customers",
    "Project and programme leads",
    "Anyone who sits on an interview panel",
    "Senior leaders and their deputies",
];

const FORMATS: &[(&str, &[&str])] = &[
    ("workshop", &["1 day", "half a day", "2 days"]),
    ("e-learning", &["45 minutes", "1 hour", "90 minutes"]),
    ("virtual", &["2 x 2 hours", "3 hours", "4 x 90 minutes"]),
    ("blended", &["3 weeks", "4 weeks", "6 weeks"]),
    ("coaching", &["6 sessions", "4 sessions", "3 months"]),
    ("programme", &["6 months", "9 months", "1 year"]),
];

const TAGS: &[&str] = &[
    "communication",
    "management",
    "finance",
    "safety",
    "inclusion",
    "wellbeing",
    "compliance",
    "leadership",
    "customer",
    "digital",
    "quality",
    "recruitment",
    "coaching",
    "projects",
    "clinical",
    "procurement",
    "data",
    "change",
    "writing",
    "teams",
];

const BENEFITS: &[&str] = &[
    "leave with a plan you can use the next working day",
    "practise on real cases from our own teams",
    "learn the few habits that prevent most problems",
    "get the tools and the confidence to act early",
    "find out what good looks like and how to get there",
    "share what works with colleagues from other departments",
];

const IMPERATIVES: &[&str] = &[
    "Plan", "Explain", "Run", "Prepare", "Review", "Agree", "Record", "Spot", "Handle", "Lead",
    "Present", "Check", "Improve", "Measure",
];

const QUALIFIERS: &[&str] = &[
    "with confidence",
    "within the first two weeks",
    "using the team's own data",
    "so that decisions can be explained",
    "without escalating every question",
    "in line with our policy",
    "in under ten minutes",
    "together with your team",
];

const CITIES: &[&str] = &[
    "Leeds",
    "Manchester",
    "Bristol",
    "Birmingham",
    "London",
    "Glasgow",
    "Cardiff",
    "Newcastle",
    "Nottingham",
    "Sheffield",
    "Belfast",
    "Edinburgh",
];

const TIMES: &[(&str, &str)] = &[
    ("09:00", "12:00"),
    ("09:30", "16:30"),
    ("10:00", "12:00"),
    ("13:30", "16:30"),
    ("14:00", "16:00"),
    ("09:00", "17:00"),
];

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

const QUOTE_SENTENCES: &[&str] = &[
    "I ask every new manager in my team to take this course in their first six months.",
    "Last year two of our worst problems started as something nobody followed up for weeks; this course fixes that habit.",
    "I took it myself and changed how I run my own team meetings.",
    "Bring me the awkward questions; I would rather hear them in the room than in an exit interview.",
    "It is the most practical day of training I have attended here.",
    "The people who took it last year now coach others, which tells you everything.",
    "I will stay for the practice rounds, and I expect to learn as much as anyone.",
    "Our customers notice the difference within weeks.",
    "It costs a day and saves us many more.",
    "Please make time for it, and tell me if something gets in the way.",
    "We agreed as a leadership team that this matters, and I want to show it.",
    "What you practise here is what I will ask about in your next review.",
    "It is short, it is honest and it works.",
    "I have seen teams turn around after doing this together.",
];

const SME_TOPICS: &[&str] = &[
    "Handling grievances fairly",
    "Budget forecasting",
    "Escalating safety concerns",
    "Writing for the board",
    "Working with suppliers",
    "Recruiting fairly",
    "Managing sickness absence",
    "Data sharing agreements",
    "Running audits",
    "Customer recovery",
];

const DECISIONS: &[&str] = &[
    "Every new line manager attends within six months of starting.",
    "The course replaces the old induction module from the spring.",
    "Completion becomes part of the annual objectives for team leaders.",
    "Teams that complete the course may use the faster approval route.",
    "The course is offered to all supervisors before the next rota cycle.",
    "Places are held back for teams with the highest complaint rates.",
];

const COMMITMENTS: &[&str] = &[
    "Department leads will observe the next two sessions.",
    "The leadership team will review completion figures every quarter.",
    "We will fund backfill so that front-line staff can attend.",
    "Each director will brief their managers before the first session.",
    "We will share the outcomes with all staff in the next briefing.",
    "The executive sponsor will attend the opening session.",
];

const MEETING_POINTS: &[&str] = &[
    "Reviewed the completion figures for the last quarter.",
    "Agreed which courses each leader will personally back.",
    "Discussed feedback from the manager poll.",
    "Asked for options to free up time for front-line staff to attend.",
    "Looked at where complaints and incidents point to gaps in training.",
    "Agreed to report progress at the next meeting.",
];

const KINDS: &[(&str, &str)] = &[
    ("briefing", "briefing"),
    ("steering", "steering group"),
    ("review", "review"),
    ("town-hall", "town hall"),
];

const PROBLEMS: &[(&str, &str)] = &[
    (
        "avoiding-hard-conversations",
        "Problems are left to grow because nobody raises them early.",
    ),
    (
        "unclear-performance-expectations",
        "People aren't sure what good looks like in their role.",
    ),
    (
        "new-managers-unsupported",
        "Newly promoted managers feel they have been left to work it out alone.",
    ),
    (
        "angry-customers-escalate",
        "Upset customers get passed around until they make a formal complaint.",
    ),
    (
        "budget-surprises",
        "Overspends on overtime and agency cover are only spotted at year end.",
    ),
    (
        "rota-fairness-disputes",
        "Disagreements about whether rotas and leave are shared out fairly.",
    ),
    (
        "hiring-panels-disagree",
        "Interview panels can't agree, and we lose good candidates while we decide.",
    ),
    (
        "meetings-without-decisions",
        "Meetings end without a clear decision or owner.",
    ),
    (
        "safety-concerns-unreported",
        "Near misses go unreported because people fear the paperwork.",
    ),
    (
        "too-many-priorities",
        "Teams are asked to deliver too many priorities at once.",
    ),
];

const ACTIVITIES: &[&str] = &[
    "Welcome and what you want from the day",
    "Case study from our own service",
    "Practice in pairs with an observer",
    "What the policy says, in plain words",
    "Role play with feedback",
    "Planning your first conversation",
    "Lunch",
    "Questions for the leadership panel",
    "Review and personal action plan",
];

const ACTIVITY_FORMATS: &[&str] = &[
    "Plenary",
    "Small groups",
    "Pairs",
    "Role play",
    "Panel",
    "On your own",
];

const OPENERS: &[&str] = &[
    "Most of the problems managers bring to us could have been solved earlier and more cheaply.",
    "This course grew out of what our own teams told us about their working week.",
    "Good intentions are not enough when the pressure is on; practice is.",
    "We built this course with colleagues who do the job every day.",
    "Small habits, repeated every week, make the biggest difference to a team.",
    "Every year we learn the same lessons from the same kinds of incidents.",
];

const MIDDLES: &[&str] = &[
    "You will work on real situations, not textbook ones, and leave with a short plan.",
    "The sessions are practical: less slides, more practice and honest feedback.",
    "You will hear from leaders who have made the same mistakes and learnt from them.",
    "We keep the groups small so that everyone gets time to practise.",
    "Each part of the course ends with a question you take back to your team.",
    "The material is updated every year from what learners tell us.",
];

const RESOURCES: &[(&str, &str)] = &[
    ("the managers' handbook", "managers-handbook"),
    ("the policy summary", "policy-summary"),
    ("the pre-course checklist", "pre-course-checklist"),
    ("last year's case studies", "case-studies"),
    ("the team conversation guide", "conversation-guide"),
];

// ---------------------------------------------------------------------------------------
// The site's records.

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn date_in(rng: &mut Rng, year: u16, months: std::ops::RangeInclusive<u8>) -> Date {
    let lo = usize::from(*months.start());
    let hi = usize::from(*months.end());
    Date {
        year,
        month: rng.between(lo, hi) as u8,
        day: rng.between(1, 28) as u8,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Seniority {
    Executive,
    Senior,
    Manager,
}

impl Seniority {
    fn id(self) -> &'static str {
        match self {
            Seniority::Executive => "executive",
            Seniority::Senior => "senior",
            Seniority::Manager => "manager",
        }
    }
}

struct Leader {
    id: String,
    name: String,
    title: String,
    dept: usize,
    seniority: Seniority,
}

struct Session {
    id: String,
    date: Date,
    start: &'static str,
    end: &'static str,
    location: Option<String>,
    link: Option<String>,
    capacity: Option<usize>,
}

struct Endorsement {
    leader: usize,
    date: Date,
    /// Paragraphs; empty when the leader left no quote.
    quote: Vec<String>,
    attend: Vec<usize>,
    observe: Vec<usize>,
    sme: Vec<&'static str>,
    sign_off: bool,
    sponsor: bool,
    brief_team: bool,
}

struct Course {
    slug: String,
    title: String,
    /// What the course is about, like "difficult conversations".
    topic: String,
    summary: String,
    departments: Vec<usize>,
    audience: Option<&'static str>,
    format: &'static str,
    duration: &'static str,
    objectives: Vec<String>,
    addresses: Vec<usize>,
    sign_off: Option<usize>,
    sessions: Vec<Session>,
    tags: Vec<&'static str>,
    endorsements: Vec<Endorsement>,
}

struct Outcome {
    course: usize,
    decision: bool,
    text: &'static str,
    owner: Option<usize>,
}

struct Meeting {
    id: String,
    title: String,
    date: Date,
    kind: usize,
    attendees: Vec<usize>,
    summary: String,
    outcomes: Vec<Outcome>,
}

struct Problem {
    id: &'static str,
    text: &'static str,
    votes: usize,
    courses: Vec<usize>,
}

struct Poll {
    id: &'static str,
    question: &'static str,
    date: Date,
    respondents: usize,
    problems: Vec<Problem>,
}

struct Corpus {
    seed: u64,
    leaders: Vec<Leader>,
    courses: Vec<Course>,
    meetings: Vec<Meeting>,
    poll: Poll,
}

fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c != '\'' && !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Makes names unique by appending `-2`, `-3`, … in the order they are claimed.
#[derive(Default)]
struct Names(HashMap<String, usize>);

impl Names {
    /// The unique name for `base`, and its number (1 for the first use).
    fn claim(&mut self, base: String) -> (String, usize) {
        let count = self.0.entry(base.clone()).or_insert(0);
        *count += 1;
        let n = *count;
        if n == 1 {
            (base, 1)
        } else {
            let name = format!("{base}-{n}");
            // A base that itself ends in a number could collide; claim again if so.
            if self.0.contains_key(&name) {
                return self.claim(name);
            }
            self.0.insert(name.clone(), 1);
            (name, n)
        }
    }
}

fn generate_leaders(seed: u64, count: usize) -> Vec<Leader> {
    let mut ids = Names::default();
    (0..count)
        .map(|i| {
            let mut rng = Rng::new(seed, LEADER_STREAM, i);
            let first = rng.pick(FIRST_NAMES);
            let last = rng.pick(LAST_NAMES);
            let name = if rng.chance(20) {
                let middle = (b'A' + rng.below(26) as u8) as char;
                format!("{first} {middle}. {last}")
            } else {
                format!("{first} {last}")
            };
            let (id, _) = ids.claim(slugify(&format!("{first} {last}")));
            let dept = rng.below(DEPARTMENTS.len());
            let d = &DEPARTMENTS[dept];
            let roll = rng.below(100);
            let seniority = if roll < 10 {
                Seniority::Executive
            } else if roll < 40 {
                Seniority::Senior
            } else {
                Seniority::Manager
            };
            let area = rng.pick(&d.areas);
            let title = match seniority {
                Seniority::Executive if rng.chance(30) => d.executive.to_string(),
                Seniority::Executive => format!("Director of {area}"),
                Seniority::Senior if rng.chance(50) => format!("Head of {area}"),
                Seniority::Senior => format!("Associate Director, {area}"),
                Seniority::Manager if rng.chance(50) => format!("{area} Manager"),
                Seniority::Manager => format!("{area} Team Lead"),
            };
            Leader {
                id,
                name,
                title,
                dept,
                seniority,
            }
        })
        .collect()
}

fn generate_poll(seed: u64, courses: usize) -> Poll {
    let mut rng = Rng::new(seed, POLL_STREAM, 0);
    let respondents = 60 + courses / 20;
    let mut votes = respondents * 2 / 3;
    let problems = PROBLEMS
        .iter()
        .enumerate()
        .map(|(i, &(id, text))| {
            votes = votes.saturating_sub(rng.below(respondents / 12 + 1)).max(1);
            // The last problem has no course yet, as in real polls.
            let listed = if i + 1 == PROBLEMS.len() {
                Vec::new()
            } else {
                rng.some(courses, 3, 6)
            };
            Problem {
                id,
                text,
                votes,
                courses: listed,
            }
        })
        .collect();
    Poll {
        id: "manager-pulse-2026",
        question: "What problems do your teams most often bring to you?",
        date: Date {
            year: 2026,
            month: 8,
            day: 1,
        },
        respondents,
        problems,
    }
}

fn generate_sessions(rng: &mut Rng, slug: &str) -> Vec<Session> {
    let count = rng.between(1, 3);
    let mut months = rng.distinct(12, count);
    months.sort_unstable();
    months
        .into_iter()
        .map(|m| {
            let month = MONTHS[m];
            let (start, end) = rng.pick(TIMES);
            let city = rng.pick(CITIES);
            let roll = rng.below(100);
            let location = (roll < 65).then(|| {
                format!(
                    "{city}, Room {}.{:02}",
                    rng.between(1, 6),
                    rng.between(1, 30)
                )
            });
            let link = (roll >= 50).then(|| format!("https://meet.example.org/{slug}-{month}"));
            let id = match &location {
                Some(_) => format!("{}-{month}", slugify(city)),
                None => format!("virtual-{month}"),
            };
            Session {
                id,
                date: Date {
                    year: 2027,
                    month: m as u8 + 1,
                    day: rng.between(1, 28) as u8,
                },
                start,
                end,
                location,
                link,
                capacity: rng.chance(60).then(|| rng.between(12, 30)),
            }
        })
        .collect()
}

fn generate_quote(rng: &mut Rng) -> Vec<String> {
    if rng.chance(15) {
        return Vec::new();
    }
    let sentences = rng.some(QUOTE_SENTENCES.len(), 1, 3);
    let mut paragraphs = vec![String::new()];
    for (i, s) in sentences.into_iter().enumerate() {
        if i == 2 && rng.chance(50) {
            paragraphs.push(String::new());
        }
        let p = paragraphs.last_mut().expect("one paragraph at least");
        if !p.is_empty() {
            p.push(' ');
        }
        p.push_str(QUOTE_SENTENCES[s]);
    }
    paragraphs
}

fn generate_endorsements(
    seed: u64,
    course: usize,
    sessions: &[Session],
    leaders: &[Leader],
) -> Vec<Endorsement> {
    let mut rng = Rng::new(seed, ENDORSEMENT_STREAM, course);
    let mut list: Vec<Endorsement> = rng
        .distinct(leaders.len(), 5)
        .into_iter()
        .map(|leader| {
            let attend: Vec<usize> = if rng.chance(25) {
                vec![rng.below(sessions.len())]
            } else {
                Vec::new()
            };
            let observe: Vec<usize> = if rng.chance(20) {
                let s = rng.below(sessions.len());
                if attend.contains(&s) {
                    Vec::new()
                } else {
                    vec![s]
                }
            } else {
                Vec::new()
            };
            Endorsement {
                leader,
                date: date_in(&mut rng, 2026, 1..=10),
                quote: generate_quote(&mut rng),
                attend,
                observe,
                sme: if rng.chance(15) {
                    vec![rng.pick(SME_TOPICS)]
                } else {
                    Vec::new()
                },
                sign_off: rng.chance(15),
                sponsor: rng.chance(12),
                brief_team: rng.chance(25),
            }
        })
        .collect();
    // Quotes first, newest first: the order course pages show them in.
    list.sort_by(|a, b| {
        a.quote
            .is_empty()
            .cmp(&b.quote.is_empty())
            .then(b.date.cmp(&a.date))
            .then(a.leader.cmp(&b.leader))
    });
    list
}

fn generate_courses(seed: u64, count: usize, leaders: &[Leader], poll: &Poll) -> Vec<Course> {
    let mut slugs = Names::default();
    (0..count)
        .map(|i| {
            let mut rng = Rng::new(seed, COURSE_STREAM, i);
            let verb = rng.pick(VERBS);
            let object = rng.pick(OBJECTS);
            let audience = rng.pick(AUDIENCES);
            let base = match rng.below(20) {
                0..=3 => format!("{verb} {object}"),
                4..=6 => format!("{object} for {audience}"),
                7 => format!("{object} Essentials"),
                8 => format!("Advanced {object}"),
                9 => format!("{object} in Practice"),
                _ => format!("{verb} {object} for {audience}"),
            };
            let (slug, n) = slugs.claim(slugify(&base));
            let title = if n == 1 { base } else { format!("{base} {n}") };
            let (format, durations) = rng.pick(FORMATS);
            let lower = object.to_lowercase();
            let summary = format!(
                "A practical course on {lower} for {}: {}.",
                audience.to_lowercase(),
                rng.pick(BENEFITS)
            );
            let departments = {
                let mut d = rng.some(DEPARTMENTS.len(), 1, 3);
                d.sort_unstable();
                d
            };
            let objectives = (0..rng.between(3, 5))
                .map(|_| format!("{} {lower} {}", rng.pick(IMPERATIVES), rng.pick(QUALIFIERS)))
                .collect();
            let addresses = if rng.chance(3) {
                let p = rng.below(poll.problems.len());
                if poll.problems[p].courses.contains(&i) {
                    Vec::new()
                } else {
                    vec![p]
                }
            } else {
                Vec::new()
            };
            let sessions = generate_sessions(&mut rng, &slug);
            let tags = {
                let mut t: Vec<&str> = rng
                    .some(TAGS.len(), 2, 3)
                    .into_iter()
                    .map(|t| TAGS[t])
                    .collect();
                t.sort_unstable();
                t
            };
            let audience_line = rng.chance(70).then(|| rng.pick(AUDIENCE_LINES));
            let endorsements = generate_endorsements(seed, i, &sessions, leaders);
            let sign_off = rng
                .chance(30)
                .then(|| endorsements[rng.below(endorsements.len())].leader);
            Course {
                slug,
                title,
                topic: lower,
                summary,
                departments,
                audience: audience_line,
                format,
                duration: rng.pick(durations),
                objectives,
                addresses,
                sign_off,
                sessions,
                tags,
                endorsements,
            }
        })
        .collect()
}

fn generate_meetings(seed: u64, count: usize, leaders: usize, courses: usize) -> Vec<Meeting> {
    let mut ids = Names::default();
    (0..count)
        .map(|i| {
            let mut rng = Rng::new(seed, MEETING_STREAM, i);
            let dept = &DEPARTMENTS[rng.below(DEPARTMENTS.len())];
            let kind = rng.below(KINDS.len());
            let date = date_in(&mut rng, 2026, 1..=10);
            let (id, _) = ids.claim(format!(
                "{}-{}-{}-{:02}",
                dept.id, KINDS[kind].0, date.year, date.month
            ));
            let attendees = rng.some(leaders, 3, 6);
            let mut summary = String::from(rng.pick(MIDDLES));
            summary.push_str("\n\n");
            for p in rng.some(MEETING_POINTS.len(), 2, 3) {
                let _ = writeln!(summary, "- {}", MEETING_POINTS[p]);
            }
            let outcomes = (0..rng.between(1, 3))
                .map(|_| {
                    let decision = rng.chance(60);
                    Outcome {
                        course: rng.below(courses),
                        decision,
                        text: rng.pick(if decision { DECISIONS } else { COMMITMENTS }),
                        owner: rng.chance(80).then(|| rng.pick(&attendees)),
                    }
                })
                .collect();
            Meeting {
                id,
                title: format!("{} leadership {}", dept.name, KINDS[kind].1),
                date,
                kind,
                attendees,
                summary,
                outcomes,
            }
        })
        .collect()
}

impl Corpus {
    fn generate(seed: u64, courses: usize) -> Corpus {
        let leaders = generate_leaders(seed, (courses / 2).max(10));
        let poll = generate_poll(seed, courses);
        let course_list = generate_courses(seed, courses, &leaders, &poll);
        let meetings = generate_meetings(seed, (courses / 5).max(1), leaders.len(), courses);
        Corpus {
            seed,
            leaders,
            courses: course_list,
            meetings,
            poll,
        }
    }
}

/// About 2 KB of Markdown: headings, paragraphs, lists, a table and links.
fn course_body(seed: u64, index: usize, course: &Course) -> String {
    let mut rng = Rng::new(seed, BODY_STREAM, index);
    let mut b = String::with_capacity(2600);
    let lower = &course.topic;
    let _ = write!(
        b,
        "{} {} {}\n\n",
        rng.pick(OPENERS),
        rng.pick(MIDDLES),
        rng.pick(OPENERS)
    );
    b.push_str("## Why this course\n\n");
    let (res_name, res_slug) = rng.pick(RESOURCES);
    let _ = write!(
        b,
        "Managers told us that {} is where things most often go wrong. {} \
         The course follows [our guidance on {lower}](https://intranet.example.org/guidance/{}) \
         and [{res_name}](https://intranet.example.org/learning/{res_slug}).\n\n",
        lower,
        rng.pick(MIDDLES),
        course.slug
    );
    b.push_str("## What you will cover\n\n");
    for _ in 0..rng.between(4, 5) {
        let _ = writeln!(
            b,
            "- **{} {lower}.** {}",
            rng.pick(IMPERATIVES),
            rng.pick(MIDDLES)
        );
    }
    b.push_str("\n## How the day runs\n\n| Time | Activity | Format |\n| --- | --- | --- |\n");
    let mut hour = 9;
    for a in rng.some(ACTIVITIES.len(), 4, 5) {
        let _ = writeln!(
            b,
            "| {hour:02}:{} | {} | {} |",
            if rng.chance(50) { "00" } else { "30" },
            ACTIVITIES[a],
            rng.pick(ACTIVITY_FORMATS)
        );
        hour += rng.between(1, 2);
    }
    b.push_str("\n## Before you attend\n\n");
    let _ = write!(
        b,
        "Please read [{res_name}](https://intranet.example.org/learning/{res_slug}) and bring one \
         real example from your own work. {}\n\n",
        rng.pick(MIDDLES)
    );
    for _ in 0..3 {
        let _ = writeln!(
            b,
            "- {} one situation you would like to handle {}.",
            rng.pick(IMPERATIVES),
            rng.pick(QUALIFIERS)
        );
    }
    b.push_str("\n## After the course\n\n");
    let _ = writeln!(
        b,
        "{} Your manager will receive a short summary of what you practised. Questions? \
         Contact the [learning team](https://intranet.example.org/learning/contact) or see the \
         [course calendar](https://intranet.example.org/learning/calendar).",
        rng.pick(OPENERS)
    );
    b
}

// ---------------------------------------------------------------------------------------
// YAML text.

/// A YAML scalar: plain when that reads the same, double-quoted otherwise.
fn yaml_str(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || " .,'()&/-?".contains(c))
        && s.starts_with(|c: char| c.is_ascii_alphanumeric())
        && !s.ends_with(' ')
        && !matches!(s, "yes" | "no" | "true" | "false" | "null" | "on" | "off");
    if plain {
        s.to_string()
    } else {
        serde_json::to_string(s).expect("a string serialises")
    }
}

fn yaml_list(items: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    let items: Vec<String> = items.into_iter().map(|s| yaml_str(s.as_ref())).collect();
    format!("[{}]", items.join(", "))
}

fn front_matter(c: &Course, leaders: &[Leader], poll: &Poll, extra: &str) -> String {
    let mut f = String::with_capacity(1200);
    f.push_str("---\n");
    let _ = writeln!(f, "title: {}", yaml_str(&c.title));
    let _ = writeln!(f, "summary: {}", yaml_str(&c.summary));
    let _ = writeln!(
        f,
        "departments: {}",
        yaml_list(c.departments.iter().map(|&d| DEPARTMENTS[d].id))
    );
    if let Some(a) = c.audience {
        let _ = writeln!(f, "audience: {}", yaml_str(a));
    }
    let _ = writeln!(f, "format: {}", c.format);
    let _ = writeln!(f, "duration: {}", yaml_str(c.duration));
    f.push_str("objectives:\n");
    for o in &c.objectives {
        let _ = writeln!(f, "  - {}", yaml_str(o));
    }
    if !c.addresses.is_empty() {
        let _ = writeln!(
            f,
            "addresses: {}",
            yaml_list(c.addresses.iter().map(|&p| poll.problems[p].id))
        );
    }
    if let Some(l) = c.sign_off {
        let _ = writeln!(f, "sign_off: {}", leaders[l].id);
    }
    f.push_str("sessions:\n");
    for s in &c.sessions {
        let _ = writeln!(f, "  - id: {}", s.id);
        let _ = writeln!(f, "    date: {}", s.date);
        let _ = writeln!(f, "    start: \"{}\"", s.start);
        let _ = writeln!(f, "    end: \"{}\"", s.end);
        if let Some(l) = &s.location {
            let _ = writeln!(f, "    location: {}", yaml_str(l));
        }
        if let Some(l) = &s.link {
            let _ = writeln!(f, "    link: {l}");
        }
        if let Some(n) = s.capacity {
            let _ = writeln!(f, "    capacity: {n}");
        }
    }
    let _ = writeln!(f, "tags: {}", yaml_list(&c.tags));
    f.push_str(extra);
    f.push_str("---\n\n");
    f
}

/// One value or a list, as buyin's commitments take them.
fn yaml_one_or_list(items: &[&str]) -> String {
    match items {
        [one] => yaml_str(one),
        _ => yaml_list(items),
    }
}

fn endorsement_yaml(c: &Course, e: &Endorsement, leaders: &[Leader]) -> String {
    let mut y = String::with_capacity(512);
    let _ = writeln!(y, "course: {}", c.slug);
    let _ = writeln!(y, "by: {}", leaders[e.leader].id);
    let _ = writeln!(y, "date: {}", e.date);
    if !e.quote.is_empty() {
        y.push_str("quote: >\n");
        for (i, p) in e.quote.iter().enumerate() {
            if i > 0 {
                y.push('\n');
            }
            // Folded at about 80 columns, as people write them.
            let mut line = String::new();
            for word in p.split(' ') {
                if !line.is_empty() && line.len() + word.len() > 76 {
                    let _ = writeln!(y, "  {line}");
                    line.clear();
                }
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
            }
            let _ = writeln!(y, "  {line}");
        }
    }
    let session_ids =
        |list: &[usize]| -> Vec<&str> { list.iter().map(|&s| c.sessions[s].id.as_str()).collect() };
    let mut commitments = String::new();
    if !e.attend.is_empty() {
        let _ = writeln!(
            commitments,
            "  attend: {}",
            yaml_one_or_list(&session_ids(&e.attend))
        );
    }
    if !e.observe.is_empty() {
        let _ = writeln!(
            commitments,
            "  observe: {}",
            yaml_one_or_list(&session_ids(&e.observe))
        );
    }
    if !e.sme.is_empty() {
        let _ = writeln!(commitments, "  sme: {}", yaml_one_or_list(&e.sme));
    }
    for (on, name) in [
        (e.sign_off, "sign_off"),
        (e.sponsor, "sponsor"),
        (e.brief_team, "brief_team"),
    ] {
        if on {
            let _ = writeln!(commitments, "  {name}: true");
        }
    }
    if !commitments.is_empty() {
        y.push_str("commitments:\n");
        y.push_str(&commitments);
    }
    y
}

fn leader_yaml(l: &Leader) -> String {
    format!(
        "name: {}\ntitle: {}\ndepartment: {}\nseniority: {}\n",
        yaml_str(&l.name),
        yaml_str(&l.title),
        DEPARTMENTS[l.dept].id,
        l.seniority.id()
    )
}

fn meeting_fields(m: &Meeting, corpus: &Corpus) -> String {
    let mut y = String::with_capacity(800);
    let _ = writeln!(y, "title: {}", yaml_str(&m.title));
    let _ = writeln!(y, "date: {}", m.date);
    let _ = writeln!(y, "kind: {}", KINDS[m.kind].0);
    let _ = writeln!(
        y,
        "attendees: {}",
        yaml_list(m.attendees.iter().map(|&l| &corpus.leaders[l].id))
    );
    y.push_str("outcomes:\n");
    for o in &m.outcomes {
        let _ = writeln!(y, "  - course: {}", corpus.courses[o.course].slug);
        let field = if o.decision { "decision" } else { "commitment" };
        let _ = writeln!(y, "    {field}: {}", yaml_str(o.text));
        if let Some(owner) = o.owner {
            let _ = writeln!(y, "    owner: {}", corpus.leaders[owner].id);
        }
    }
    y
}

fn meeting_yaml(m: &Meeting, corpus: &Corpus) -> String {
    let mut y = meeting_fields(m, corpus);
    y.push_str("summary: |\n");
    for line in m.summary.lines() {
        if line.is_empty() {
            y.push('\n');
        } else {
            let _ = writeln!(y, "  {line}");
        }
    }
    y
}

fn poll_yaml(poll: &Poll, corpus: &Corpus) -> String {
    let mut y = String::new();
    let _ = writeln!(y, "question: {}", yaml_str(poll.question));
    let _ = writeln!(y, "date: {}", poll.date);
    let _ = writeln!(y, "respondents: {}", poll.respondents);
    y.push_str("problems:\n");
    for p in &poll.problems {
        let _ = writeln!(y, "  - id: {}", p.id);
        let _ = writeln!(y, "    text: {}", yaml_str(p.text));
        let _ = writeln!(y, "    votes: {}", p.votes);
        if !p.courses.is_empty() {
            let _ = writeln!(
                y,
                "    courses: {}",
                yaml_list(p.courses.iter().map(|&c| &corpus.courses[c].slug))
            );
        }
    }
    y
}

fn site_yaml() -> String {
    let mut y = String::from(
        "title: Learning at Meridian\norganisation: Meridian Group\n\
         base_url: https://intranet.example.org/training/\nstale_after: 12 months\n\
         departments:\n",
    );
    for d in &DEPARTMENTS {
        let _ = writeln!(y, "  - id: {}\n    name: {}", d.id, yaml_str(d.name));
    }
    y
}

// ---------------------------------------------------------------------------------------
// Writing.

/// Empties `dir` if this generator wrote it, creates it if missing, refuses anything else.
fn prepare(dir: &Path) -> io::Result<()> {
    match fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                if !dir.join(MARKER).is_file() {
                    return Err(io::Error::other(format!(
                        "`{}` is not empty and was not written by this generator; \
                         choose a new folder",
                        dir.display()
                    )));
                }
                fs::remove_dir_all(dir)?;
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    fs::create_dir_all(dir)?;
    fs::write(
        dir.join(MARKER),
        "Written by the buyin benchmark corpus generator; replaced on every run.\n",
    )
}

fn mkdirs(root: &Path, dirs: &[&str]) -> io::Result<()> {
    for d in dirs {
        fs::create_dir_all(root.join(d))?;
    }
    Ok(())
}

fn write_buyin(corpus: &Corpus, out: &Path) -> io::Result<usize> {
    prepare(out)?;
    mkdirs(
        out,
        &[
            "content/courses",
            "content/leaders",
            "content/endorsements",
            "content/meetings",
            "content/polls",
        ],
    )?;
    fs::write(out.join("site.yaml"), site_yaml())?;
    let content = out.join("content");
    let files = corpus
        .courses
        .par_iter()
        .enumerate()
        .map(|(i, c)| -> io::Result<usize> {
            let mut text = front_matter(c, &corpus.leaders, &corpus.poll, "");
            text.push_str(&course_body(corpus.seed, i, c));
            fs::write(content.join(format!("courses/{}.md", c.slug)), text)?;
            for e in &c.endorsements {
                let leader = &corpus.leaders[e.leader].id;
                fs::write(
                    content.join(format!("endorsements/{}--{leader}.yaml", c.slug)),
                    endorsement_yaml(c, e, &corpus.leaders),
                )?;
            }
            Ok(1 + c.endorsements.len())
        })
        .try_reduce(|| 0, |a, b| Ok(a + b))?;
    corpus.leaders.par_iter().try_for_each(|l| {
        fs::write(
            content.join(format!("leaders/{}.yaml", l.id)),
            leader_yaml(l),
        )
    })?;
    corpus.meetings.par_iter().try_for_each(|m| {
        fs::write(
            content.join(format!("meetings/{}.yaml", m.id)),
            meeting_yaml(m, corpus),
        )
    })?;
    fs::write(
        content.join(format!("polls/{}.yaml", corpus.poll.id)),
        poll_yaml(&corpus.poll, corpus),
    )?;
    Ok(files + corpus.leaders.len() + corpus.meetings.len() + 2)
}

/// Hugo's layouts, configuration and stylesheet, kept as files in benches/hugo/.
const HUGO_FILES: &[(&str, &str)] = &[
    ("hugo.toml", include_str!("hugo/hugo.toml")),
    ("static/style.css", include_str!("hugo/static/style.css")),
    (
        "layouts/_default/baseof.html",
        include_str!("hugo/layouts/_default/baseof.html"),
    ),
    (
        "layouts/index.html",
        include_str!("hugo/layouts/index.html"),
    ),
    ("layouts/404.html", include_str!("hugo/layouts/404.html")),
    (
        "layouts/courses/single.html",
        include_str!("hugo/layouts/courses/single.html"),
    ),
    (
        "layouts/courses/single.calendar.ics",
        include_str!("hugo/layouts/courses/single.calendar.ics"),
    ),
    (
        "layouts/leaders/single.html",
        include_str!("hugo/layouts/leaders/single.html"),
    ),
    (
        "layouts/leaders/list.html",
        include_str!("hugo/layouts/leaders/list.html"),
    ),
    (
        "layouts/meetings/single.html",
        include_str!("hugo/layouts/meetings/single.html"),
    ),
    (
        "layouts/meetings/list.html",
        include_str!("hugo/layouts/meetings/list.html"),
    ),
    (
        "layouts/departments/single.html",
        include_str!("hugo/layouts/departments/single.html"),
    ),
    (
        "layouts/departments/list.html",
        include_str!("hugo/layouts/departments/list.html"),
    ),
    (
        "layouts/polls/list.html",
        include_str!("hugo/layouts/polls/list.html"),
    ),
    (
        "layouts/partials/card.html",
        include_str!("hugo/layouts/partials/card.html"),
    ),
    (
        "layouts/partials/leader-chip.html",
        include_str!("hugo/layouts/partials/leader-chip.html"),
    ),
];

fn write_json(path: &Path, value: &Value) -> io::Result<()> {
    let mut w = BufWriter::new(fs::File::create(path)?);
    serde_json::to_writer(&mut w, value)?;
    w.write_all(b"\n")?;
    w.flush()
}

fn labels() -> Value {
    json!({
        "format": {
            "workshop": "Workshop",
            "e-learning": "E-learning",
            "virtual": "Virtual classroom",
            "blended": "Blended",
            "coaching": "Coaching",
            "programme": "Programme",
        },
        "seniority": {"executive": "Executive", "senior": "Senior leader", "manager": "Manager"},
        "kind": {"briefing": "Briefing", "steering": "Steering group", "review": "Review", "town-hall": "Town hall"},
        "outcome": {"decision": "Decision", "commitment": "Commitment"},
    })
}

/// The records as Hugo data files, each a map keyed by the name a template looks up.
fn hugo_data(corpus: &Corpus, data: &Path) -> io::Result<()> {
    let leaders: Map<String, Value> = corpus
        .leaders
        .iter()
        .map(|l| {
            (
                l.id.clone(),
                json!({
                    "name": l.name,
                    "title": l.title,
                    "department": DEPARTMENTS[l.dept].id,
                    "seniority": l.seniority.id(),
                    "initials": buyin::views::initials(&l.name),
                }),
            )
        })
        .collect();
    write_json(&data.join("leaders.json"), &Value::Object(leaders))?;

    let departments: Map<String, Value> = DEPARTMENTS
        .iter()
        .map(|d| (d.id.to_string(), Value::from(d.name)))
        .collect();
    write_json(&data.join("departments.json"), &Value::Object(departments))?;
    let order: Vec<&str> = DEPARTMENTS.iter().map(|d| d.id).collect();
    write_json(&data.join("department_order.json"), &json!(order))?;
    write_json(&data.join("labels.json"), &labels())?;

    let mut endorsed_by: Vec<Vec<&str>> = vec![Vec::new(); corpus.leaders.len()];
    let endorsements: Map<String, Value> = corpus
        .courses
        .iter()
        .map(|c| {
            let ids = |list: &[usize]| -> Vec<&str> {
                list.iter().map(|&s| c.sessions[s].id.as_str()).collect()
            };
            let list: Vec<Value> = c
                .endorsements
                .iter()
                .map(|e| {
                    endorsed_by[e.leader].push(&c.slug);
                    json!({
                        "by": corpus.leaders[e.leader].id,
                        "date": e.date.to_string(),
                        "quote": e.quote,
                        "commitments": {
                            "attend": ids(&e.attend),
                            "observe": ids(&e.observe),
                            "sme": e.sme,
                            "sign_off": e.sign_off,
                            "sponsor": e.sponsor,
                            "brief_team": e.brief_team,
                        },
                    })
                })
                .collect();
            (c.slug.clone(), Value::Array(list))
        })
        .collect();
    write_json(
        &data.join("endorsements.json"),
        &Value::Object(endorsements),
    )?;
    let endorsed_by: Map<String, Value> = endorsed_by
        .into_iter()
        .enumerate()
        .filter(|(_, list)| !list.is_empty())
        .map(|(l, list)| (corpus.leaders[l].id.clone(), json!(list)))
        .collect();
    write_json(&data.join("endorsed_by.json"), &Value::Object(endorsed_by))?;

    let mut outcomes: Vec<Vec<Value>> = vec![Vec::new(); corpus.courses.len()];
    let mut meetings_by_leader: Vec<Vec<&str>> = vec![Vec::new(); corpus.leaders.len()];
    for m in &corpus.meetings {
        for &a in &m.attendees {
            meetings_by_leader[a].push(&m.id);
        }
        for o in &m.outcomes {
            outcomes[o.course].push(json!({
                "kind": if o.decision { "decision" } else { "commitment" },
                "text": o.text,
                "owner": o.owner.map(|l| corpus.leaders[l].id.as_str()),
                "meeting": m.id,
                "meeting_title": m.title,
                "meeting_date": m.date.to_string(),
            }));
        }
    }
    let by_course = |lists: Vec<Vec<Value>>| -> Value {
        Value::Object(
            lists
                .into_iter()
                .enumerate()
                .filter(|(_, list)| !list.is_empty())
                .map(|(c, list)| (corpus.courses[c].slug.clone(), Value::Array(list)))
                .collect(),
        )
    };
    write_json(&data.join("outcomes.json"), &by_course(outcomes))?;
    let meetings_by_leader: Map<String, Value> = meetings_by_leader
        .into_iter()
        .enumerate()
        .filter(|(_, list)| !list.is_empty())
        .map(|(l, list)| (corpus.leaders[l].id.clone(), json!(list)))
        .collect();
    write_json(
        &data.join("meetings_by_leader.json"),
        &Value::Object(meetings_by_leader),
    )?;

    let poll = &corpus.poll;
    let mut problems: Vec<Vec<Value>> = vec![Vec::new(); corpus.courses.len()];
    let mut addressed_by: Vec<Vec<usize>> =
        poll.problems.iter().map(|p| p.courses.clone()).collect();
    for (c, course) in corpus.courses.iter().enumerate() {
        for &p in &course.addresses {
            addressed_by[p].push(c);
        }
    }
    for (p, courses) in poll.problems.iter().zip(&addressed_by) {
        for &c in courses {
            problems[c].push(json!({
                "id": p.id, "text": p.text, "votes": p.votes, "respondents": poll.respondents,
            }));
        }
    }
    write_json(&data.join("problems.json"), &by_course(problems))?;
    let poll_json = json!({
        "id": poll.id,
        "question": poll.question,
        "date": poll.date.to_string(),
        "respondents": poll.respondents,
        "problems": poll.problems.iter().zip(&addressed_by).map(|(p, courses)| json!({
            "id": p.id,
            "text": p.text,
            "votes": p.votes,
            "courses": courses.iter().map(|&c| corpus.courses[c].slug.as_str()).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    });
    write_json(&data.join("poll.json"), &poll_json)
}

fn section_index(title: &str, extra: &str) -> String {
    format!("---\ntitle: {}\n{extra}---\n", yaml_str(title))
}

fn write_hugo(corpus: &Corpus, out: &Path) -> io::Result<usize> {
    prepare(out)?;
    mkdirs(
        out,
        &[
            "content/courses",
            "content/leaders",
            "content/meetings",
            "content/departments",
            "content/polls",
            "data",
            "layouts/_default",
            "layouts/courses",
            "layouts/leaders",
            "layouts/meetings",
            "layouts/departments",
            "layouts/polls",
            "layouts/partials",
            "static",
        ],
    )?;
    for (path, text) in HUGO_FILES {
        fs::write(out.join(path), text)?;
    }
    let content = out.join("content");
    fs::write(content.join("_index.md"), section_index("Courses", ""))?;
    // buyin has no page listing the courses folder (the catalog is the home page), and
    // writes section pages as <section>/index.html.
    fs::write(
        content.join("courses/_index.md"),
        section_index("Courses", "_build:\n  render: never\n  list: always\n"),
    )?;
    fs::write(
        content.join("leaders/_index.md"),
        section_index("Leaders", "url: /leaders/index.html\n"),
    )?;
    fs::write(
        content.join("meetings/_index.md"),
        section_index("Leadership meetings", "url: /meetings/index.html\n"),
    )?;
    fs::write(
        content.join("departments/_index.md"),
        section_index("Departments", "url: /departments/index.html\n"),
    )?;
    fs::write(
        content.join("polls/_index.md"),
        section_index("What managers asked for", "url: /polls/index.html\n"),
    )?;
    hugo_data(corpus, &out.join("data"))?;

    corpus
        .courses
        .par_iter()
        .enumerate()
        .try_for_each(|(i, c)| {
            let mut text = front_matter(
                c,
                &corpus.leaders,
                &corpus.poll,
                "outputs: [html, calendar]\n",
            );
            text.push_str(&course_body(corpus.seed, i, c));
            fs::write(content.join(format!("courses/{}.md", c.slug)), text)
        })?;
    corpus.leaders.par_iter().try_for_each(|l| {
        fs::write(
            content.join(format!("leaders/{}.md", l.id)),
            format!(
                "---\ntitle: {}\ndepartment: {}\n---\n",
                yaml_str(&l.name),
                DEPARTMENTS[l.dept].id
            ),
        )
    })?;
    corpus.meetings.par_iter().try_for_each(|m| {
        fs::write(
            content.join(format!("meetings/{}.md", m.id)),
            format!("---\n{}---\n\n{}", meeting_fields(m, corpus), m.summary),
        )
    })?;
    for d in &DEPARTMENTS {
        fs::write(
            content.join(format!("departments/{}.md", d.id)),
            section_index(d.name, ""),
        )?;
    }
    Ok(HUGO_FILES.len()
        + 6
        + corpus.courses.len()
        + corpus.leaders.len()
        + corpus.meetings.len()
        + DEPARTMENTS.len())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("error: {message}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    let corpus = Corpus::generate(args.seed, args.courses);
    let endorsements: usize = corpus.courses.iter().map(|c| c.endorsements.len()).sum();
    let result = write_buyin(&corpus, &args.out).and_then(|files| {
        eprintln!(
            "wrote a buyin site to {}: {} courses, {} leaders, {} endorsements, {} meetings ({} files)",
            args.out.display(),
            corpus.courses.len(),
            corpus.leaders.len(),
            endorsements,
            corpus.meetings.len(),
            files
        );
        match &args.hugo {
            Some(dir) => write_hugo(&corpus, dir).map(|files| {
                eprintln!(
                    "wrote the same site for Hugo to {} ({files} files)",
                    dir.display()
                );
            }),
            None => Ok(()),
        }
    });
    match result {
        Ok(()) => {
            eprintln!("done in {:.1} s", started.elapsed().as_secs_f64());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
