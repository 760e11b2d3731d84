//! Unit tests of the value types and name rules.

use super::*;

#[test]
fn dates_must_be_real_and_iso_shaped() {
    assert_eq!(Date::parse("2026-10-14").unwrap().long(), "14 October 2026");
    assert!(Date::parse("2026-02-30").is_none());
    assert!(Date::parse("14/10/2026").is_none());
    assert!(Date::parse("2026-1-4").is_none());
}

#[test]
fn times_use_the_24_hour_clock() {
    assert_eq!(Time::parse("9:30").unwrap().to_string(), "09:30");
    assert!(Time::parse("24:00").is_none());
    assert!(Time::parse("9.30").is_none());
}

#[test]
fn periods_read_plain_english() {
    assert_eq!(Period::parse("18 months").unwrap().amount, 18);
    assert_eq!(Period::parse("1 week").unwrap().unit, PeriodUnit::Weeks);
    assert!(Period::parse("soon").is_none());
    assert_eq!(Period::parse("1 year").unwrap().amount, 12);
    let d = Date::parse("2026-11-22").unwrap();
    assert_eq!(Period::default().before(d).iso(), "2025-11-22");
}

#[test]
fn ids_and_slugs() {
    assert!(is_valid_id("priya-natarajan"));
    assert!(is_valid_id("q3-2026"));
    assert!(!is_valid_id("Priya"));
    assert!(!is_valid_id("../etc"));
    assert!(!is_valid_id("a--b"));
    assert!(!is_valid_id(""));
    assert_eq!(slugify("Priya Natarajan!"), "priya-natarajan");
    assert_eq!(slugify("  Q&A: Café  "), "q-a-cafe");
    assert_eq!(slugify("José Núñez"), "jose-nunez");
    assert_eq!(slugify("Siobhán O'Brien"), "siobhan-obrien");
    assert_eq!(slugify("Łukasz Müller-Søren"), "lukasz-muller-soren");
    assert_eq!(slugify("王芳"), "wang-fang");
}
