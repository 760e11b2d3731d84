//! Large sites: the catalog shows its first courses and its finder searches every course
//! through an index; a department with many courses has pages.

use crate::support::{COURSE, Site, main_of};

/// The valid site with `n` more courses in Operations.
fn with_courses(n: usize) -> Site {
    let mut site = Site::valid();
    for i in 0..n {
        let course = COURSE
            .replacen(
                "title: Leading Difficult Conversations",
                &format!("title: Course {i:03}"),
                1,
            )
            .replacen("addresses: [hard-talks]\n", "", 1)
            .replacen("sign_off: priya-natarajan\n", "", 1);
        site = site.file(&format!("content/courses/course-{i:03}.md"), &course);
    }
    site
}

#[test]
fn a_large_catalog_shows_its_first_courses_and_indexes_them_all() {
    let site = with_courses(80);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let catalog = site.output("index.html");
    let main = main_of(&catalog);
    assert_eq!(
        main.matches("<article class=\"course-card\"").count(),
        24,
        "{main}"
    );
    assert!(
        main.contains("data-index=\"catalog-index.js\" data-total=\"81\""),
        "{main}"
    );
    assert!(
        main.contains("These are the first 24 of 81 courses."),
        "{main}"
    );
    // The stats count every course, not only those shown.
    assert!(main.contains("<strong>81</strong> courses"), "{main}");
    let index = site.output("catalog-index.js");
    assert!(
        index.starts_with("// Every course of the catalog"),
        "{index}"
    );
    assert_eq!(index.matches("[\"courses/").count(), 81, "{index}");
    assert!(index.contains("[\"courses/course-079.html\",\"Course 079\",\"Raise problems early and kindly.\",\"workshop\",\"operations\",\"communication\"]"), "{index}");
    // A small catalog has every card and no index.
    let small = Site::valid();
    assert_eq!(small.build().code, 0);
    assert!(!small.public().join("catalog-index.js").exists());
    assert!(!small.output("index.html").contains("data-index"));
}

#[test]
fn a_department_with_many_courses_has_pages() {
    let site = with_courses(130);
    assert_eq!(site.build().code, 0);
    // 131 courses in Operations: pages of 60.
    let first = main_of(&site.output("departments/operations.html"));
    assert_eq!(first.matches("<article class=\"course-card\"").count(), 60);
    assert!(first.contains("Courses 1–60 of 131"), "{first}");
    assert!(
        first.contains("<a href=\"../departments/operations-2.html\" rel=\"next\">Next</a>"),
        "{first}"
    );
    assert!(first.contains("Leaders in Operations"), "{first}");
    let last = main_of(&site.output("departments/operations-3.html"));
    assert_eq!(last.matches("<article class=\"course-card\"").count(), 11);
    assert!(last.contains("Courses 121–131 of 131"), "{last}");
    assert!(last.contains("rel=\"prev\""), "{last}");
    assert!(!last.contains("rel=\"next\""), "{last}");
    // The leaders are listed once, on the first page.
    assert!(!last.contains("Leaders in Operations"), "{last}");
    assert!(!site.public().join("departments/operations-4.html").exists());
    // Every course is reached from the department's pages, without a script.
    let mut reached = 0;
    for page in ["operations.html", "operations-2.html", "operations-3.html"] {
        reached += site
            .output(&format!("departments/{page}"))
            .matches("<article class=\"course-card\"")
            .count();
    }
    assert_eq!(reached, 131);
}
