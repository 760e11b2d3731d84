//! Time zones by their IANA names (`Europe/London`), from the time zone database built
//! into buyin, so a site builds the same on any machine.

use jiff::tz::TimeZone;

/// The zone called `name`, exactly as the database spells it; else the name most likely
/// meant, if any.
pub fn lookup(name: &str) -> Result<TimeZone, Option<String>> {
    let db = jiff::tz::db();
    // The database finds names in any case; only its own spelling is accepted.
    if let Ok(tz) = db.get(name)
        && tz.iana_name() == Some(name)
    {
        return Ok(tz);
    }
    let names: Vec<String> = db.available().map(|n| n.as_str().to_string()).collect();
    Err(likely_meant(name, &names))
}

/// `london`, `London time`, `europe/london` or `Europe/Londn` → `Europe/London`.
fn likely_meant(name: &str, names: &[String]) -> Option<String> {
    let wanted = name.trim();
    if let Some(same) = names.iter().find(|n| n.eq_ignore_ascii_case(wanted)) {
        return Some(same.clone());
    }
    let lower = wanted.to_lowercase();
    let city = lower
        .trim_end_matches(" time")
        .trim()
        .replace([' ', '-'], "_");
    if let Some(by_city) = names
        .iter()
        .filter(|n| n.contains('/') && !n.starts_with("Etc/"))
        .find(|n| {
            n.rsplit('/')
                .next()
                .is_some_and(|c| c.eq_ignore_ascii_case(&city))
        })
    {
        return Some(by_city.clone());
    }
    crate::diagnostics::closest(wanted, names.iter().map(String::as_str)).map(str::to_string)
}

/// The city of a zone's name, for a label: `America/New_York` → `New York`.
pub fn city(name: &str) -> String {
    name.rsplit('/').next().unwrap_or(name).replace('_', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_are_found_by_their_exact_name() {
        assert!(lookup("Europe/London").is_ok());
        assert!(lookup("America/Argentina/Buenos_Aires").is_ok());
        assert!(lookup("UTC").is_ok());
    }

    #[test]
    fn near_misses_get_the_name_they_meant() {
        let meant = |n| lookup(n).err().flatten();
        assert_eq!(meant("europe/london").as_deref(), Some("Europe/London"));
        assert_eq!(meant("London").as_deref(), Some("Europe/London"));
        assert_eq!(meant("New York time").as_deref(), Some("America/New_York"));
        assert_eq!(meant("Europe/Londn").as_deref(), Some("Europe/London"));
        assert_eq!(meant("Mars/Olympus"), None);
    }

    #[test]
    fn cities_read_as_words() {
        assert_eq!(city("America/New_York"), "New York");
        assert_eq!(city("UTC"), "UTC");
    }
}
