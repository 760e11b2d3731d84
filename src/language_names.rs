//! Languages by their codes, with their names in English and in their own words: for the
//! language switcher (a language the theme has no words for is still named in its own
//! script) and for answering `languages: [French]` with `fr`.

/// (code, English name, own name).
const LANGUAGES: &[(&str, &str, &str)] = &[
    ("ar", "Arabic", "العربية"),
    ("cy", "Welsh", "Cymraeg"),
    ("da", "Danish", "Dansk"),
    ("de", "German", "Deutsch"),
    ("en", "English", "English"),
    ("es", "Spanish", "Español"),
    ("fa", "Persian", "فارسی"),
    ("fi", "Finnish", "Suomi"),
    ("fr", "French", "Français"),
    ("ga", "Irish", "Gaeilge"),
    ("he", "Hebrew", "עברית"),
    ("hi", "Hindi", "हिन्दी"),
    ("it", "Italian", "Italiano"),
    ("ja", "Japanese", "日本語"),
    ("ko", "Korean", "한국어"),
    ("nl", "Dutch", "Nederlands"),
    ("no", "Norwegian", "Norsk"),
    ("pl", "Polish", "Polski"),
    ("pt", "Portuguese", "Português"),
    ("ro", "Romanian", "Română"),
    ("sv", "Swedish", "Svenska"),
    ("tr", "Turkish", "Türkçe"),
    ("uk", "Ukrainian", "Українська"),
    ("ur", "Urdu", "اردو"),
    ("zh", "Chinese", "中文"),
];

/// The name of the language of `code` (`fr`, `pt-BR`) in its own words.
pub fn own_name(code: &str) -> Option<&'static str> {
    let primary = code.split('-').next().unwrap_or(code).to_ascii_lowercase();
    LANGUAGES
        .iter()
        .find(|(c, _, _)| *c == primary)
        .map(|(_, _, own)| *own)
}

/// The code of a language written by its name, in English or its own words, with or
/// without accents: `French`, `Français`, `francais` → `fr`.
pub fn code_of(name: &str) -> Option<&'static str> {
    let fold = |s: &str| deunicode::deunicode(s.trim()).to_lowercase();
    let wanted = fold(name);
    LANGUAGES
        .iter()
        .find(|(_, english, own)| fold(english) == wanted || fold(own) == wanted)
        .map(|(code, _, _)| *code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_english_or_their_own_words_give_the_code() {
        for (name, code) in [
            ("French", "fr"),
            ("français", "fr"),
            ("Francais", "fr"),
            ("deutsch", "de"),
            ("Espanol", "es"),
            ("Welsh", "cy"),
            ("Chinese", "zh"),
        ] {
            assert_eq!(code_of(name), Some(code), "{name}");
        }
        assert_eq!(code_of("Klingon"), None);
        assert_eq!(own_name("pt-BR"), Some("Português"));
        assert_eq!(own_name("xx"), None);
    }
}
