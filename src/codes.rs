//! The registry of diagnostic codes: every problem buyin can report has one entry here,
//! with what it means, a wrong and a right example, and how to fix it. Diagnostics point at
//! these entries, `buyin explain CODE` prints them, and the table of messages for managers
//! is made from them. Knows nothing of where problems are found.

use crate::diagnostics::Severity;

/// Who usually meets a problem, and so where it is explained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Anyone editing content: managers adding endorsements, the learning team.
    Contributors,
    /// The learning team running the site: themes, the output folder, site.yaml.
    SiteTeam,
}

/// A file that shows the problem, and the same file put right. Examples are checked
/// against the built-in demo site, so they stay true.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Example {
    /// Path of the file in the demo site.
    pub file: &'static str,
    pub wrong: &'static str,
    pub right: &'static str,
    /// Where the right version goes, when that is the fix (a file in the wrong folder).
    pub right_file: Option<&'static str>,
}

impl Example {
    const fn new(file: &'static str, wrong: &'static str, right: &'static str) -> Self {
        Example {
            file,
            wrong,
            right,
            right_file: None,
        }
    }
}

/// One kind of problem.
#[derive(Debug, PartialEq, Eq)]
pub struct Code {
    /// Stable kebab-case name, shown in brackets: `error[unknown-leader]`.
    pub name: &'static str,
    pub severity: Severity,
    pub audience: Audience,
    /// What the message says, in short, for the table of messages.
    pub says: &'static str,
    /// What it means, in a manager's words.
    pub meaning: &'static str,
    /// How to fix it.
    pub fix: &'static str,
    pub example: Option<Example>,
}

impl Code {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl Code {
    /// Everything `buyin explain` says about this code.
    pub fn explain(&self) -> String {
        let mut out = format!("{}[{}]: {}\n\n", self.severity, self.name, self.says);
        out.push_str(self.meaning);
        out.push_str("\n\n");
        if let Some(example) = &self.example {
            out.push_str(&format!("Wrong, in {}:\n\n", example.file));
            out.push_str(&indent(example.wrong));
            match example.right_file {
                Some(right_file) => {
                    out.push_str(&format!("\nRight: the same file, in {right_file}:\n\n"))
                }
                None => out.push_str("\nRight:\n\n"),
            }
            out.push_str(&indent(example.right));
            out.push('\n');
        }
        out.push_str(&format!("How to fix it: {}\n", self.fix));
        out
    }
}

/// Each line of `text` indented by four spaces, with hidden characters made visible.
fn indent(text: &str) -> String {
    text.lines()
        .map(|l| {
            let shown: String = l
                .chars()
                .map(|c| match c {
                    '\t' => "→   ".to_string(),
                    '\u{a0}' => "·".to_string(),
                    c => c.to_string(),
                })
                .collect();
            format!("    {shown}\n")
        })
        .collect()
}

/// One line per code, for `buyin explain` without a code.
pub fn index() -> String {
    let width = ALL.iter().map(|c| c.name.len()).max().unwrap_or(0);
    let mut out = String::from(
        "Every message buyin can show; `buyin explain <code>` says more about one.\n\n",
    );
    for c in ALL {
        out.push_str(&format!(
            "{:width$}  {:7}  {}\n",
            c.name,
            c.severity.to_string(),
            c.says
        ));
    }
    out
}

/// The tables of messages in CONTRIBUTING.md, for people who edit content: errors, then
/// warnings. Made from this registry so the two cannot drift apart.
pub fn contributor_tables() -> String {
    fn cell(text: &str) -> String {
        text.replace('|', "\\|")
    }
    let shown = |severity: Severity| {
        ALL.iter()
            .filter(move |c| c.audience == Audience::Contributors && c.severity == severity)
    };
    let mut out = String::from("### Errors (these must be fixed)\n\n");
    out.push_str("| problem | the message says | what it means | how to fix it |\n");
    out.push_str("| --- | --- | --- | --- |\n");
    for c in shown(Severity::Error) {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            c.name,
            cell(c.says),
            cell(c.meaning),
            cell(c.fix)
        ));
    }
    out.push_str("\n### Warnings (advice; they do not block your pull request)\n\n");
    out.push_str("| problem | what it means | what to do |\n| --- | --- | --- |\n");
    for c in shown(Severity::Warning) {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            c.name,
            cell(c.meaning),
            cell(c.fix)
        ));
    }
    out
}

/// Looks a code up by its name.
pub fn find(name: &str) -> Option<&'static Code> {
    ALL.iter().copied().find(|c| c.name == name)
}

const fn error(name: &'static str, says: &'static str, meaning: &'static str) -> Code {
    Code {
        name,
        severity: Severity::Error,
        audience: Audience::Contributors,
        says,
        meaning,
        fix: "",
        example: None,
    }
}

const fn warning(name: &'static str, says: &'static str, meaning: &'static str) -> Code {
    Code {
        severity: Severity::Warning,
        ..error(name, says, meaning)
    }
}

macro_rules! codes {
    ($($(#[$doc:meta])* $id:ident = $value:expr;)*) => {
        $($(#[$doc])* pub static $id: Code = $value;)*
        /// Every code, in the order of this file.
        pub static ALL: &[&Code] = &[$(&$id),*];
    };
}

const ENDORSEMENT: &str =
    "content/endorsements/leading-difficult-conversations--rachel-adeyemi.yaml";

codes! {
    UNKNOWN_LEADER = Code {
        fix: "Use the name suggested after \"did you mean\". If you have no leader file yet, add one in content/leaders/ first.",
        example: Some(Example::new(
            ENDORSEMENT,
            "course: leading-difficult-conversations\nby: rachel-adeyami\ndate: 2026-11-20\nquote: I want every finance lead to take this course.\n",
            "course: leading-difficult-conversations\nby: rachel-adeyemi\ndate: 2026-11-20\nquote: I want every finance lead to take this course.\n",
        )),
        ..error("unknown-leader", "there is no leader called …", "No file in content/leaders/ has this name. Usually a typo, or the person's full name written instead of their id.")
    };
    UNKNOWN_COURSE = Code {
        fix: "Copy the course's file name (or folder name) from content/courses/, without `.md`.",
        example: Some(Example::new(
            ENDORSEMENT,
            "course: leading-dificult-conversations\nby: rachel-adeyemi\ndate: 2026-11-20\nquote: I want every finance lead to take this course.\n",
            "course: leading-difficult-conversations\nby: rachel-adeyemi\ndate: 2026-11-20\nquote: I want every finance lead to take this course.\n",
        )),
        ..error("unknown-course", "there is no course called …", "No course has this name. Courses are named after their file in content/courses/.")
    };
    UNKNOWN_SESSION = Code {
        fix: "The help line lists the course's sessions; pick one. Put several in square brackets: `[virtual-jan, bristol-mar]`.",
        example: Some(Example::new(
            ENDORSEMENT,
            "course: leading-difficult-conversations\nby: rachel-adeyemi\ndate: 2026-11-20\ncommitments:\n  attend: bristol-march\n",
            "course: leading-difficult-conversations\nby: rachel-adeyemi\ndate: 2026-11-20\ncommitments:\n  attend: bristol-mar\n",
        )),
        ..error("unknown-session", "there is no session called …", "The course has no session with this id. Session ids are in the course's file, in the `sessions:` list (the `- id:` lines).")
    };
    UNKNOWN_DEPARTMENT = Code {
        fix: "Use one of the department ids listed in the help line; they are under `departments:` in site.yaml.",
        example: Some(Example::new(
            "content/leaders/priya-natarajan.yaml",
            "name: Priya Natarajan\ntitle: Chief Operating Officer\ndepartment: Operations\nseniority: executive\n",
            "name: Priya Natarajan\ntitle: Chief Operating Officer\ndepartment: operations\nseniority: executive\n",
        )),
        ..error("unknown-department", "there is no department called …", "Departments are listed in site.yaml, each with an id in lowercase letters and hyphens. The id is used everywhere else, not the department's name.")
    };
    UNKNOWN_PROBLEM = Code {
        fix: "Use a problem id from a file in content/polls/ (the `- id:` lines under `problems:`).",
        ..error("unknown-problem", "there is no poll problem called …", "A course says it addresses a problem that no manager poll lists.")
    };
    UNKNOWN_FIELD = Code {
        fix: "Use the word suggested, or remove the line. Commitment lines go two spaces in, under `commitments:`.",
        example: Some(Example::new(
            ENDORSEMENT,
            "course: leading-difficult-conversations\nby: rachel-adeyemi\ndate: 2026-11-20\nqoute: I want every finance lead to take this course.\n",
            "course: leading-difficult-conversations\nby: rachel-adeyemi\ndate: 2026-11-20\nquote: I want every finance lead to take this course.\n",
        )),
        ..error("unknown-field", "… is not a field of … / … is not a commitment", "A line starts with a word the site does not know, often a typo such as `qoute`, or a line that belongs under another one.")
    };
    MISSING_FIELD = Code {
        fix: "Add the line named in the message. An endorsement needs `course`, `by` and `date`.",
        example: Some(Example::new(
            ENDORSEMENT,
            "course: leading-difficult-conversations\nby: rachel-adeyemi\nquote: I want every finance lead to take this course.\n",
            "course: leading-difficult-conversations\nby: rachel-adeyemi\ndate: 2026-11-20\nquote: I want every finance lead to take this course.\n",
        )),
        ..error("missing-field", "… is missing from …", "A line the site needs is not there.")
    };
    WRONG_TYPE = Code {
        fix: "Do what the help line says: `true` or `false` for yes/no lines, a whole number for numbers, `[a, b]` for lists.",
        example: Some(Example::new(
            ENDORSEMENT,
            "course: leading-difficult-conversations\nby: rachel-adeyemi\ndate: 2026-11-20\ncommitments:\n  sponsor: yes\n",
            "course: leading-difficult-conversations\nby: rachel-adeyemi\ndate: 2026-11-20\ncommitments:\n  sponsor: true\n",
        )),
        ..error("wrong-type", "… should be …, but it is …", "The value is the wrong kind, such as `yes` where `true` or `false` is needed, or a single word where a list is needed.")
    };
    NOT_ALLOWED_VALUE = Code {
        fix: "Use one of the words listed in the help line, in lowercase.",
        example: Some(Example::new(
            "content/leaders/priya-natarajan.yaml",
            "name: Priya Natarajan\ntitle: Chief Operating Officer\ndepartment: operations\nseniority: Director\n",
            "name: Priya Natarajan\ntitle: Chief Operating Officer\ndepartment: operations\nseniority: executive\n",
        )),
        ..error("not-allowed-value", "… is not an allowed value for …", "This line only accepts certain words.")
    };
    DUPLICATE_FIELD = Code {
        fix: "Keep one of the two lines. When both are blocks (such as two `commitments:`), merge them into one block.",
        example: Some(Example::new(
            ENDORSEMENT,
            "course: leading-difficult-conversations\nby: rachel-adeyemi\ndate: 2026-11-20\ncommitments:\n  attend: bristol-mar\ncommitments:\n  sponsor: true\n",
            "course: leading-difficult-conversations\nby: rachel-adeyemi\ndate: 2026-11-20\ncommitments:\n  attend: bristol-mar\n  sponsor: true\n",
        )),
        ..error("duplicate-field", "… is written twice", "The same line appears twice in one file or block; the site cannot tell which one you mean.")
    };
    EMPTY_FIELD = Code {
        fix: "Write the text after the colon, or remove the line if it is optional.",
        ..error("empty-field", "… is empty", "A line that needs text has none.")
    };
    BAD_DATE = Code {
        fix: "Write the date year-month-day, with two digits for the month and day: `2026-10-14`.",
        example: Some(Example::new(
            ENDORSEMENT,
            "course: leading-difficult-conversations\nby: rachel-adeyemi\ndate: 20 Nov 2026\nquote: I want every finance lead to take this course.\n",
            "course: leading-difficult-conversations\nby: rachel-adeyemi\ndate: 2026-11-20\nquote: I want every finance lead to take this course.\n",
        )),
        ..error("bad-date", "… is not a date", "Dates are written year-month-day, so that nobody mixes up 10/11 and 11/10. The date may also not exist, like 31 April.")
    };
    FUTURE_DATE = Code {
        fix: "Write the day it happened, today or earlier. An endorsement is dated when you give it.",
        example: Some(Example::new(
            ENDORSEMENT,
            "course: leading-difficult-conversations\nby: rachel-adeyemi\ndate: 2099-11-20\nquote: I want every finance lead to take this course.\n",
            "course: leading-difficult-conversations\nby: rachel-adeyemi\ndate: 2026-11-20\nquote: I want every finance lead to take this course.\n",
        )),
        ..error("future-date", "… is after today", "An endorsement, meeting or poll is dated after today. Learners would read \"most recently on\" a day that has not come yet.")
    };
    BAD_TIME = Code {
        fix: "Write the time on the 24-hour clock, in double quotes: `\"09:30\"`, `\"14:00\"`.",
        ..error("bad-time", "… is not a time of day", "A session time (in a course file) is not on the 24-hour clock.")
    };
    BAD_PERIOD = Code {
        fix: "Write a number and a unit: `12 months`, `8 weeks` or `90 days`.",
        ..error("bad-period", "… is not a period of time", "A length of time is not written as a number and a unit.")
    };
    INVALID_VALUE = Code {
        fix: "Follow the help line.",
        ..error("invalid-value", "(various)", "A value cannot be used as it is written.")
    };
    INVALID_YAML = Code {
        fix: "Look at the marked line. Compare its spaces with the lines around it, put a space after each `name:`, and put text that contains `: ` or starts with a special character in double quotes. Text over several lines goes under `quote: >`, each line indented by two spaces.",
        example: Some(Example::new(
            ENDORSEMENT,
            "course: leading-difficult-conversations\nby: rachel-adeyemi\ndate: 2026-11-20\nquote: I want every finance lead to take this course.\nIt pays for itself within a quarter.\n",
            "course: leading-difficult-conversations\nby: rachel-adeyemi\ndate: 2026-11-20\nquote: >\n  I want every finance lead to take this course.\n  It pays for itself within a quarter.\n",
        )),
        ..error("invalid-yaml", "this line …", "The layout of the file is broken: the spaces at the start of a line, a missing space after `:`, text that continues on a line that is not indented, or text with `: ` in it.")
    };
    TAB_CHARACTER = Code {
        fix: "Delete the tab and type spaces instead (two per level). Some editors insert a tab when you press the Tab key.",
        example: Some(Example::new(
            ENDORSEMENT,
            "course: leading-difficult-conversations\nby: rachel-adeyemi\ndate: 2026-11-20\ncommitments:\n\tsponsor: true\n",
            "course: leading-difficult-conversations\nby: rachel-adeyemi\ndate: 2026-11-20\ncommitments:\n  sponsor: true\n",
        )),
        ..error("tab-character", "… is indented with a tab character", "The spaces at the start of a line decide which block it belongs to, and a tab character is not counted as spaces.")
    };
    INVISIBLE_CHARACTER = Code {
        fix: "Delete the marked character and type a normal space (or nothing) instead. It often comes from copying text out of a document or a web page.",
        example: Some(Example::new(
            ENDORSEMENT,
            "course: leading-difficult-conversations\nby: rachel-adeyemi\ndate: 2026-11-20\ncommitments:\n\u{a0}\u{a0}sponsor: true\n",
            "course: leading-difficult-conversations\nby: rachel-adeyemi\ndate: 2026-11-20\ncommitments:\n  sponsor: true\n",
        )),
        ..error("invisible-character", "… contains a non-breaking space / a zero-width space / …", "A character that looks like a space, or cannot be seen at all, is where the site needs a normal space or nothing.")
    };
    TEXT_CUT_BY_COMMENT = Code {
        fix: "Put the whole text in double quotes: `quote: \"We are #1 in the region\"`, or write it under `quote: >` on the lines below.",
        example: Some(Example::new(
            ENDORSEMENT,
            "course: leading-difficult-conversations\nby: rachel-adeyemi\ndate: 2026-11-20\nquote: This course made us #1 for staff retention\n",
            "course: leading-difficult-conversations\nby: rachel-adeyemi\ndate: 2026-11-20\nquote: \"This course made us #1 for staff retention\"\n",
        )),
        ..error("text-cut-by-comment", "the text after `#` would be left out", "In these files, a space followed by `#` starts a comment, and everything after it is ignored. The text would be published cut short.")
    };
    YAML_TOO_COMPLEX = Code {
        fix: "Write the values out plainly, without YAML anchors (`&`) and aliases (`*`).",
        ..error("yaml-too-complex", "this file nests or repeats values too deeply to be read", "The file uses YAML features that would make it enormous or endlessly deep.")
    };
    EMPTY_FILE = Code {
        fix: "Fill in the fields; see an existing file in the same folder for an example.",
        ..error("empty-file", "… cannot be empty", "The file has no content, or only comments.")
    };
    FILE_TOO_LARGE = Code {
        fix: "Check that the right file was added; images and documents go in static/.",
        ..error("file-too-large", "… is too large", "A record or page is far larger than any real one.")
    };
    NOT_UTF8 = Code {
        fix: "Retype the marked character, or save the file as UTF-8 (most editors offer this under \"Save with encoding\").",
        ..error("not-utf8", "… is not UTF-8 text", "The file contains a character the site cannot read, often pasted from a word processor, or the file was saved in another encoding.")
    };
    UNREADABLE_FILE = Code {
        fix: "Check that the file exists and can be read.",
        audience: Audience::SiteTeam,
        ..error("unreadable-file", "cannot read …", "A file could not be read from disk.")
    };
    FILE_CHANGED = Code {
        fix: "Build the site again once the file is saved.",
        audience: Audience::SiteTeam,
        ..error("file-changed", "… changed while the site was being built", "A course page's text is read again when its page is made; the file was edited, replaced or removed in between, so the page would not match the rest of the site.")
    };
    LINK_OUTSIDE_SITE = Code {
        fix: "Copy the file into the site instead of linking to it.",
        audience: Audience::SiteTeam,
        ..error("link-outside-site", "… is a link to a file outside the site folder", "A symbolic link points outside the site; it is not followed, so nothing outside the site can be published.")
    };
    BAD_FILE_NAME = Code {
        fix: "Rename the file as the help line says: lowercase letters, digits and single hyphens, like `priya-natarajan.yaml`.",
        ..error("bad-file-name", "… cannot be used as the name of …", "Names of leaders, courses, meetings and polls come from their file names and appear in web addresses, so they use a safe alphabet.")
    };
    MISPLACED_FILE = Code {
        fix: "Move the file to the folder named in the help line. Each kind of record has its own folder under content/.",
        example: Some(Example {
            file: "content/Endorsements/leading-difficult-conversations--rachel-adeyemi.yaml",
            wrong: "course: leading-difficult-conversations\nby: rachel-adeyemi\ndate: 2026-11-20\nquote: I want every finance lead to take this course.\n",
            right: "course: leading-difficult-conversations\nby: rachel-adeyemi\ndate: 2026-11-20\nquote: I want every finance lead to take this course.\n",
            right_file: Some(ENDORSEMENT),
        }),
        ..error("misplaced-file", "… is not in a folder buyin reads / belongs in …", "The site only reads files from its own folders (content/courses/, content/endorsements/, …). A file anywhere else would never be published.")
    };
    NO_FRONT_MATTER = Code {
        fix: "Start the file with a line `---`, then the course's fields (`title:` …), then another `---`.",
        ..error("no-front-matter", "a course page must start with front matter", "A course page starts with its fields between two `---` lines, then the text.")
    };
    NO_CONTENT = Code {
        audience: Audience::SiteTeam,
        fix: "Create content/courses/ with one Markdown file per course, or run `buyin new site <folder>`.",
        ..error("no-content", "this site has no `content` folder", "The site folder has no content/ folder.")
    };
    PREREQUISITE_CYCLE = Code {
        fix: "Remove the course from `requires:` in one of the courses named, so one of them can be taken first.",
        ..error("prerequisite-cycle", "… requires itself / these courses require each other in a circle: …", "Courses that require each other in a circle could never be started.")
    };
    EMPTY_BRIEF = Code {
        fix: "Give the brief a `why:`, a `before:` list or an `after:` list, or remove `manager_brief:`.",
        ..error("empty-brief", "this manager's brief is empty", "`manager_brief:` has nothing in it, so its page would be blank.")
    };
    INCOMPLETE_ANSWER = Code {
        fix: "An answered question has `answer:`, `answered_by:` (the leader's id) and `answered:` (the date); write all three, or none while it waits.",
        ..error("incomplete-answer", "this answer has no …", "A question's answer is published with the leader who gave it and the day, so all three are needed.")
    };
    ANSWER_BEFORE_QUESTION = Code {
        fix: "Check `asked:` and `answered:`: a question is answered on or after the day it was asked.",
        ..error("answer-before-question", "the answer is dated … before the question was asked …", "A question's answer is dated before the question itself.")
    };
    DUPLICATE_ENDORSEMENT = Code {
        fix: "Keep one file: copy anything new into the other file, then delete this one.",
        ..error("duplicate-endorsement", "… endorses … in two files", "A leader endorses a course once; two files would show two quotes from the same person.")
    };
    DUPLICATE_ID = Code {
        fix: "Give each one its own id, or remove one of them.",
        ..error("duplicate-id", "… is used twice", "Two things of the same kind have the same name, so links to it would be ambiguous.")
    };
    BAD_ID = Code {
        fix: "Ids use lowercase letters, digits and single hyphens, like `leeds-dec` or `customer-service`.",
        ..error("bad-id", "… cannot be used as … id", "An id appears in web addresses and links, so it uses a safe alphabet.")
    };
    BAD_LANGUAGE = Code {
        audience: Audience::SiteTeam,
        fix: "Write a language code such as `en`, `en-GB` or `fr`.",
        ..error("bad-language", "… is not a language code", "site.yaml names the language of the pages with a code.")
    };
    UNKNOWN_LANGUAGE = Code {
        fix: "Use one of the languages listed under `languages:` in site.yaml, or add the language there.",
        ..error("unknown-language", "… is not one of the site's languages", "A translation, or a record's `translations:`, names a language the site is not published in, so it would never be shown.")
    };
    EXTRA_TRANSLATION = Code {
        fix: "Translate each outcome's decision or commitment in the order of `outcomes:`, one line each, and no more lines than there are outcomes.",
        ..error("extra-translation", "this translation has … outcomes, but the meeting has …", "A meeting's `translations:` list their outcomes in the order of its `outcomes:`; a line too many translates nothing.")
    };
    UNKNOWN_TIMEZONE = Code {
        fix: "Write the time zone's IANA name, like `Europe/London`, `Europe/Paris` or `America/New_York` (a region, a slash and the largest city).",
        ..error("unknown-timezone", "there is no time zone called …", "A session's times are read in the zone named by `timezone:` (in site.yaml, or on the session), so it must be a zone calendars know.")
    };
    UNKNOWN_THEME = Code {
        audience: Audience::SiteTeam,
        fix: "Create themes/<name>/templates/ with the templates to override, or remove `theme:` to use the built-in theme.",
        ..error("unknown-theme", "there is no theme called …", "site.yaml names a theme that has no folder under themes/.")
    };
    BAD_PHOTO = Code {
        fix: "Put the photo in static/photos/ and write `photo: photos/<file name>`.",
        ..error("bad-photo", "… is not a file in this site", "A photo must be a file of the site, under static/.")
    };
    MISSING_PHOTO = Code {
        fix: "Add the photo under static/, or correct the path (it is relative to static/).",
        ..error("missing-photo", "there is no photo at …", "The photo named in a leader file is not in static/.")
    };
    OUTCOME_KIND = Code {
        fix: "Give each outcome either `decision:` or `commitment:`; split one with both into two outcomes.",
        ..error("outcome-kind", "an outcome has both … / neither …", "A meeting outcome is either a decision or a commitment.")
    };
    SESSION_ENDS_BEFORE_START = Code {
        fix: "Check `start:` and `end:`; times use the 24-hour clock, like \"14:00\".",
        ..error("session-ends-before-start", "the session ends … before it starts …", "A session's end time is not after its start time.")
    };
    SESSION_WITHOUT_PLACE = Code {
        fix: "Add `location: …` for a room or `link: https://…` for an online session.",
        ..error("session-without-place", "session … has neither a location nor a link", "Learners need to know where a session takes place.")
    };
    TOO_MANY_VOTES = Code {
        fix: "Each respondent can vote for a problem once; check `votes:` and `respondents:`.",
        ..error("too-many-votes", "… votes is more than the poll's … respondents", "A problem has more votes than the poll had respondents.")
    };
    UNSAFE_LINK = Code {
        fix: "Use a web address starting with `https://` (or `mailto:` for email).",
        ..error("unsafe-link", "the link … could run code in a learner's browser / … is not a web address", "A link is not a normal web address. Links that run code are never published.")
    };
    PLACEHOLDER_TEXT = Code {
        fix: "Replace the example text with your own words.",
        example: Some(Example::new(
            ENDORSEMENT,
            "course: leading-difficult-conversations\nby: rachel-adeyemi\ndate: 2026-11-20\nquote: >\n  Why I back this course, and what I will do for it.\n",
            "course: leading-difficult-conversations\nby: rachel-adeyemi\ndate: 2026-11-20\nquote: >\n  I want every finance lead to take this course.\n",
        )),
        ..error("placeholder-text", "this is the example text from `buyin new`", "The file still has the example text it was created with; learners would read it as it is.")
    };
    TEMPLATE_SYNTAX = Code {
        audience: Audience::SiteTeam,
        fix: "This is a problem in the theme's templates, not in the content: fix the template at the line shown.",
        ..error("template-syntax", "template …: …", "A template of the site's theme cannot be read.")
    };
    THEME_WORDING = Code {
        audience: Audience::SiteTeam,
        fix: "Give each key a line of text in quotes, like `headline: \"Yes.\"`; a number-dependent text has `one:` and `other:` below its key.",
        ..error("theme-wording", "the theme's wording file …: …", "A file of the theme's sentences and labels (i18n/<language>.yaml) cannot be read.")
    };
    MISSING_STRINGS = Code {
        audience: Audience::SiteTeam,
        fix: "Add the named keys, with their text in the language, to themes/<theme>/i18n/<language>.yaml in the site folder; the English file of the built-in theme lists every key.",
        ..warning("missing-strings", "the theme's … words lack … sentences", "One of the site's languages has no text for some of the theme's sentences and labels, so pages in that language show them in English.")
    };
    TEMPLATE_RENDER = Code {
        audience: Audience::SiteTeam,
        fix: "This is a problem in the theme's templates, not in the content: fix the template at the line shown.",
        ..error("template-render", "template …: …", "A template of the site's theme failed while making a page.")
    };
    OUTPUT_FOLDER = Code {
        audience: Audience::SiteTeam,
        fix: "Choose another output folder with `-o`, or remove the folder named if it is safe to do so.",
        ..error("output-folder", "(various)", "The output folder cannot be written, or is not one buyin created.")
    };
    STALE_ENDORSEMENT = Code {
        fix: "If it still stands, update `date:` to today, and the quote if needed.",
        ..warning("stale-endorsement", "…'s endorsement of … is older than …", "An endorsement is older than the site's limit (`stale_after` in site.yaml, 12 months unless set).")
    };
    NO_AFTER_SUPPORT = Code {
        fix: "Nothing to fix in your pull request: a leader can add `follow_up: 4 weeks` or `sign_off: true` under `commitments:` in their endorsement, or the course can name a `sign_off` leader.",
        ..warning("no-after-support", "nobody supports learners after …", "No leader follows up with learners after the course or signs off their completion, so what they learn may not be used. Learners see that the after-course support is missing.")
    };
    UNANSWERED_QUESTION = Code {
        fix: "Ask the leader to answer: add `answer:`, `answered_by:` and `answered:` to the file.",
        ..warning("unanswered-question", "a question about … has waited … days for an answer", "A learner's question has had no answer for more than 14 days. Unanswered questions are not published.")
    };
    NO_BACKING = Code {
        fix: "Nothing to fix in your pull request: it is a chance to endorse the course.",
        ..warning("no-backing", "no leader backs … yet", "A course has no endorsement and no leader who signs it off. Learners see \"No leader has endorsed this course yet\".")
    };
    LEADER_WITHOUT_DEPARTMENT = Code {
        fix: "Add `department:` with one of the ids in site.yaml.",
        ..warning("leader-without-department", "… has no department", "A leader file has no `department:` line, so the leader is on no department's page.")
    };
    LONG_QUOTE = Code {
        fix: "Keep the one or two sentences that say why you back the course.",
        ..warning("long-quote", "this quote is … words long", "The quote is longer than 120 words; learners skim long quotes.")
    };
    RAW_HTML = Code {
        fix: "Write it in Markdown instead.",
        ..warning("raw-html", "this HTML is shown to learners as text", "A course page contains HTML, which learners see as plain text unless the site allows raw HTML.")
    };
    STRAY_FILE = Code {
        fix: "Move files to publish as they are (photos, documents) to static/; photos usually go in static/photos/.",
        ..warning("stray-file", "… is not published", "A file that is neither a course page nor a record is under content/, where buyin does not publish it.")
    };
    DRAFT_COURSE = Code {
        fix: "Nothing to fix: the endorsement, the answer or the `requires:` entry is published when the course is (when `draft: true` is removed from it).",
        ..warning("draft-course", "… is a draft", "The course is not published yet, so neither is anything that backs it, an answer to a question about it, or a published course's advice to take it first.")
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_kebab_case_and_entries_are_complete() {
        let mut seen = std::collections::BTreeSet::new();
        for code in ALL {
            assert!(seen.insert(code.name), "{} is listed twice", code.name);
            assert!(
                code.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}",
                code.name
            );
            assert!(!code.meaning.is_empty(), "{} has no meaning", code.name);
            assert!(!code.fix.is_empty(), "{} has no fix", code.name);
        }
        assert_eq!(find("unknown-leader"), Some(&UNKNOWN_LEADER));
        assert_eq!(find("nothing-like-this"), None);
    }
}
