//! Name tokens across scripts: spelling variants, patronymics and Persian skeletons.

use super::*;

fn keys(text: &str) -> Vec<String> {
    query_tokens(text).into_iter().map(|t| t.key).collect()
}

#[test]
fn spelling_variants_share_keys() {
    let same = [
        ("Məmmədov Elçin", "MAMEDOV ELCHIN"),
        ("Мамедов Эльчин", "MAMMADOV<ELCIN"),
        ("Hüseynov", "Гусейнов"),
        ("Məmmədova", "Mamedov"),
        ("Əliyev", "Aliev"),
        ("Cəfərov", "Джафаров"),
    ];
    for (a, b) in same {
        assert_eq!(keys(a), keys(b), "{a} / {b}");
    }
    assert_ne!(keys("Hasanov"), keys("Huseynov"));
}

#[test]
fn patronymics_reduce_to_the_fathers_name() {
    let az = query_tokens("Məmmədov Elçin Əli oğlu");
    let ru = query_tokens("Мамедов Эльчин Алиевич");
    assert_eq!(az.len(), 3);
    assert_eq!(az.last().map(|t| &t.key), ru.last().map(|t| &t.key));
    assert_eq!(az[2].role, NameRole::Patronymic);
    assert!(query_tokens("  ,, 123 <<").is_empty());
    // A particle may be a name (Das); a marker never is.
    let das = query_tokens("Das Rahul");
    assert_eq!(das.len(), 2);
    assert!(das.iter().any(|t| t.optional && t.latin == "das"));
    assert!(query_tokens("Əli oğlu").iter().all(|t| !t.optional));
    let rec = record_tokens("Məmmədov", Some("Elçin"), Some("Əli oğlu"));
    assert_eq!(
        rec.iter().map(|t| t.role).collect::<Vec<_>>(),
        [NameRole::Surname, NameRole::Given, NameRole::Patronymic]
    );
}

#[test]
fn persian_script_meets_latin_on_the_skeleton() {
    for (fa, en) in [("محمد", "Mohammad"), ("حسینی", "Hosseini"), ("رضا", "Reza")] {
        let a = &query_tokens(fa)[0];
        let b = &query_tokens(en)[0];
        assert!(a.abjad);
        assert_eq!(skeleton(&a.key), skeleton(&b.key), "{fa} / {en}");
    }
    let a = &query_tokens("موسوی")[0];
    let b = &query_tokens("Mousavi")[0];
    assert_eq!(skeleton_without_v(&a.key), skeleton_without_v(&b.key));
}
