//! Names across scripts: equivalence classes, non-equivalences, the domain.md §7 vectors, and
//! patronymics, gendered forms, name order, double names and particles.

use umis_domain::names::{
    NameKeys, NameParts, name_keys, normalize_display, phonetic_key, transliterate, trigrams,
};

/// Spellings of one name token, in every script and romanisation they arrive in.
const CLASSES: &[&[&str]] = &[
    &[
        "MAMMADOV",
        "Məmmədov",
        "Mamedov",
        "Мамедов",
        "Мәммәдов",
        "Memmedov",
        "MEMMEDOV",
        "Mammedov",
    ],
    &[
        "ELCHIN",
        "Elçin",
        "Эльчин",
        "Елчин",
        "Elcin",
        "ELCIN",
        "Yelchin",
    ],
    &["Aliyev", "Aliev", "Əliyev", "Алиев", "ALIYEV", "Әлијев"],
    &[
        "Huseynov",
        "Guseinov",
        "Гусейнов",
        "Hüseynov",
        "Huseinov",
        "Guseynov",
        "Һүсејнов",
        "Hueseynov",
    ],
    &[
        "Khalilov",
        "Xəlilov",
        "Халилов",
        "Halilov",
        "XALILOV",
        "Хәлилов",
    ],
    &[
        "Jafarov",
        "Cəfərov",
        "Джафаров",
        "Dzhafarov",
        "Cafarov",
        "Djafarov",
        "Ҹәфәров",
    ],
    &[
        "Ismayilov",
        "Ismailov",
        "Исмаилов",
        "İsmayılov",
        "ISMAYILOV",
    ],
    &["Orkhan", "Orxan", "Орхан", "ORXAN", "Orhan"],
    &["Yusif", "Iusif", "Юсиф", "YUSIF"],
    &["Shcheglova", "Scheglova", "Щеглова", "SHCHEGLOVA"],
    &["Yuliya", "Iuliia", "Юлия", "Yulia"],
    &["Həsənov", "Hasanov", "Гасанов", "Gasanov", "HASANOV"],
    &["Əhməd", "Ahmad", "Ahmed", "Ahmet", "Ахмед"],
    &["Gülnarə", "Gulnara", "Гюльнара", "Gyulnara", "Ҝүлнарә"],
    &["Aygün", "Aygun", "Айгюн", "Aigiun"],
    &["Rəhimov", "Rahimov", "Рагимов", "Ragimov"],
    &[
        "Hacıyev",
        "Hajiyev",
        "Гаджиев",
        "Gadzhiev",
        "Hajiev",
        "Gadjiev",
    ],
    &["Şahin", "Shahin", "Шахин", "Sahin"],
    &["Vüqar", "Vugar", "Вугар", "VUQAR"],
    &["Qasımov", "Gasymov", "Гасымов", "Qasimov"],
    &["Ağayev", "Aghayev", "Agayev", "Агаев", "Ағајев"],
    &["Süleymanov", "Suleymanov", "Сулейманов", "Suleimanov"],
    &["Mehriban", "Мехрибан", "MEHRIBAN"],
    &["Petrosyan", "Petrosian", "Петросян", "Պետրոսյան"],
    &["Beridze", "Беридзе", "ბერიძე", "BERIDZE"],
    &["Müller", "Mueller", "Muller", "MUELLER"],
    &["Tchaikovsky", "Chaikovskii", "Чайковский", "Chaykovskiy"],
    &["Zhanna", "Жанна", "Janna"],
    &["Yelena", "Elena", "Елена"],
    &["Zhāng", "Zhang", "ZHANG"],
    &["Nguyễn", "Nguyen"],
    &["Søren", "Soren", "Sören", "SOEREN"],
    &["José", "Jose", "JOSÉ"],
];

/// Names that must not share a phonetic key.
const DIFFERENT: &[(&str, &str)] = &[
    ("Mammadov", "Mahmudov"),
    ("Mammadov", "Muradov"),
    ("Mahmudov", "Muradov"),
    ("Мамедов", "Махмудов"),
    ("Aliyev", "Valiyev"),
    ("Aliyev", "Alev"),
    ("Hasanov", "Huseynov"),
    ("Гасанов", "Гусейнов"),
    ("Elchin", "Eldar"),
    ("Jafarov", "Javadov"),
    ("Karimov", "Rahimov"),
    ("Nasibov", "Nasirov"),
    ("Asgar", "Ashar"),
    ("Ismayilov", "Ismayilzade"),
    ("Orkhan", "Orujov"),
    ("Yusif", "Yunis"),
    ("Ali", "Vali"),
];

fn assert_one_key(class: &[&str]) {
    let want = phonetic_key(class[0]);
    for member in class {
        assert_eq!(phonetic_key(member), want, "{member} vs {}", class[0]);
    }
}

#[test]
fn every_member_of_a_class_has_the_same_phonetic_key() {
    for class in CLASSES {
        assert_one_key(class);
    }
}

#[test]
fn classes_do_not_share_keys() {
    let keys: Vec<String> = CLASSES.iter().map(|class| phonetic_key(class[0])).collect();
    for (i, a) in keys.iter().enumerate() {
        for b in &keys[i + 1..] {
            assert_ne!(a, b);
        }
    }
}

#[test]
fn different_names_have_different_keys() {
    for (a, b) in DIFFERENT {
        assert_ne!(phonetic_key(a), phonetic_key(b), "{a} vs {b}");
    }
}

#[test]
fn domain_vectors() {
    // domain.md §7: Məmmədov, Mammadov, Mamedov, Мамедов, MAMMADOV are one surname.
    let forms = ["Məmmədov", "Mammadov", "Mamedov", "Мамедов", "MAMMADOV"];
    let keys: Vec<NameKeys> = forms.iter().map(|s| name_keys(s, None, None)).collect();
    for (form, k) in forms.iter().zip(&keys) {
        assert_eq!(k.surname_keys, keys[0].surname_keys, "{form}");
    }
    // domain.md §7: `Юлия Щеглова` → `IULIIA SHCHEGLOVA` (ICAO), the female surname neutralised.
    assert_eq!(
        transliterate("Юлия Щеглова").to_uppercase(),
        "IULIIA SHCHEGLOVA"
    );
    let k = name_keys("Щеглова", Some("Юлия"), None);
    assert_eq!(k.surname, ["shcheglov"]);
    assert_eq!(k.given, ["iuliia"]);
    assert_eq!(k, name_keys("SHCHEGLOVA", Some("IULIIA"), None));
    assert_eq!(
        k.surname_keys,
        name_keys("Shcheglov", None, None).surname_keys
    );
    assert_eq!(k.given_keys, name_keys("x", Some("Yulia"), None).given_keys);
}

#[test]
fn one_persons_name_from_five_sources() {
    let sources = [
        ("MAMMADOV", "ELCHIN"),
        ("Məmmədov", "Elçin"),
        ("Мамедов", "Эльчин"),
        ("Mamedov", "Elchin"),
        ("Мәммәдов", "Елчин"),
    ];
    let first = name_keys(sources[0].0, Some(sources[0].1), None);
    for (surname, given) in sources {
        let k = name_keys(surname, Some(given), None);
        assert_eq!(k.surname_keys, first.surname_keys, "{surname}");
        assert_eq!(k.given_keys, first.given_keys, "{given}");
    }
    let other = name_keys("Mahmudov", Some("Elçin"), None);
    assert_ne!(other.surname_keys, first.surname_keys);
}

#[test]
fn gendered_surnames_are_neutralised() {
    let pairs = [
        ("Aliyeva", "Aliyev"),
        ("Əliyeva", "Алиев"),
        ("Məmmədova", "Mamedov"),
        ("Мамедова", "MAMMADOV"),
        ("Kovalskaya", "Kovalsky"),
        ("Ковальская", "Kovalskiy"),
        ("Pushkina", "Pushkin"),
        ("Hüseynova", "Guseinov"),
        ("Həsənzadə", "Hasanzadeh"),
    ];
    for (female, male) in pairs {
        let (f, m) = (name_keys(female, None, None), name_keys(male, None, None));
        assert_eq!(f.surname_keys, m.surname_keys, "{female} vs {male}");
    }
}

#[test]
fn patronymics_reduce_to_the_fathers_name() {
    let forms: [(&str, Option<&str>, Option<&str>); 7] = [
        ("Məmmədov", Some("Elçin Əli oğlu"), None),
        ("Мамедов", Some("Эльчин Алиевич"), None),
        ("Mammadov", Some("Elchin"), Some("Ali ogly")),
        ("Мамедов", Some("Эльчин"), Some("Али оглы")),
        ("Mamedov", Some("Elchin"), Some("Aliyevich")),
        ("Məmmədov", Some("Elçin"), Some("Əli")),
        ("Мәммәдов", Some("Елчин Әли оғлу"), None),
    ];
    for (surname, given, patronymic) in forms {
        let k = name_keys(surname, given, patronymic);
        assert_eq!(k.patronymic, ["ali"], "{surname} {given:?} {patronymic:?}");
        assert_eq!(k.given_keys, [phonetic_key("elchin")], "{given:?}");
        assert!(k.particles.is_empty(), "{given:?}");
    }
    // Daughters: qızı, кызы, -ovna/-evna.
    for patronymic in ["Əli qızı", "Али кызы", "Алиевна", "Aliyevna", "Ali gizi"] {
        let k = name_keys("Məmmədova", Some("Səbinə"), Some(patronymic));
        assert_eq!(k.patronymic, ["ali"], "{patronymic}");
        assert_eq!(k.surname, ["mammadov"]);
    }
    let russian = name_keys("Иванова", Some("Анна Сергеевна"), None);
    assert_eq!(russian.given, ["anna"]);
    assert_eq!(russian.patronymic_keys, [phonetic_key("Sergei")]);
    // A father's name with Г for H still meets its Azerbaijani form.
    let k = name_keys("Aliyev", Some("Rəşad"), Some("Гусейнович"));
    assert_eq!(k.patronymic_keys, [phonetic_key("Hüseyn")]);
}

#[test]
fn swapped_name_order_keeps_the_keys() {
    let straight = name_keys("Məmmədov", Some("Elçin"), None);
    let swapped = name_keys("ELCHIN", Some("MAMMADOV"), None);
    assert_eq!(straight.surname_keys, swapped.given_keys);
    assert_eq!(straight.given_keys, swapped.surname_keys);
    let mut a: Vec<&str> = straight.name_keys().collect();
    let mut b: Vec<&str> = swapped.name_keys().collect();
    a.sort_unstable();
    b.sort_unstable();
    assert_eq!(a, b);
    assert_eq!(straight.trigrams, swapped.trigrams);
    // Neutralisation applies in either field, so a swapped female name also matches.
    let f = name_keys("Kalinina", Some("Irina"), None);
    let g = name_keys("Irina", Some("Kalinina"), None);
    assert_eq!(f.surname_keys, g.given_keys);
}

#[test]
fn double_names_split_and_join() {
    let k = name_keys("Eriksson", Some("Anna Maria"), None);
    assert_eq!(k.given, ["anna", "maria"]);
    assert_eq!(k.given_keys, [phonetic_key("Anna"), phonetic_key("Maria")]);
    let k = name_keys("Quliyev", Some("Əli-Rza"), None);
    assert_eq!(k.given, ["ali", "rza"]);
    assert_eq!(k.joined_keys, [phonetic_key("Alirza")]);
    let k = name_keys("García López", Some("José"), None);
    assert_eq!(k.surname, ["garcia", "lopez"]);
    assert_eq!(k.joined_keys, [phonetic_key("garcialopez")]);
    assert!(
        name_keys("Quliyev", Some("Alirza"), None)
            .joined_keys
            .is_empty()
    );
}

#[test]
fn particles_are_kept_apart() {
    let cases: [(&str, &[&str], &[&str]); 6] = [
        ("van der Berg", &["berg"], &["van", "der"]),
        ("al-Rashid", &["rashid"], &["al"]),
        ("ibn Sina", &["sina"], &["ibn"]),
        ("de la Cruz", &["cruz"], &["de", "la"]),
        ("Van", &["van"], &[]),
        ("von Neumann", &["neumann"], &["von"]),
    ];
    for (surname, tokens, particles) in cases {
        let k = name_keys(surname, None, None);
        assert_eq!(k.surname, tokens, "{surname}");
        assert_eq!(k.particles, particles, "{surname}");
    }
    let k = name_keys("Laden", Some("Osama bin"), None);
    assert_eq!(
        k.given,
        ["osama", "bin"],
        "a particle ending its field is a name"
    );
    let k = name_keys("Rashid", Some("Ben"), None);
    assert_eq!(k.given, ["ben"]);
    assert_eq!(
        k.surname_keys,
        name_keys("al-Rashid", None, None).surname_keys
    );
}

#[test]
fn full_names_split_into_parts() {
    let cases: [(&str, &str, Option<&str>, Option<&str>); 8] = [
        ("MAMMADOV<<ELCHIN", "MAMMADOV", Some("ELCHIN"), None),
        (
            "ERIKSSON<<ANNA<MARIA<<<<<",
            "ERIKSSON",
            Some("ANNA MARIA"),
            None,
        ),
        ("Elchin Mammadov", "Mammadov", Some("Elchin"), None),
        (
            "Məmmədov Elçin Əli oğlu",
            "Məmmədov",
            Some("Elçin"),
            Some("Əli oğlu"),
        ),
        (
            "Мамедов Эльчин Алиевич",
            "Мамедов",
            Some("Эльчин"),
            Some("Алиевич"),
        ),
        ("Mammadov, Elchin", "Mammadov", Some("Elchin"), None),
        (
            "Ludwig van Beethoven",
            "Ludwig",
            Some("van Beethoven"),
            None,
        ),
        ("Nino Beridze", "Beridze", Some("Nino"), None),
    ];
    for (input, surname, given, patronymic) in cases {
        let parts = NameParts::from_full_name(input);
        assert_eq!(parts.surname, surname, "{input}");
        assert_eq!(parts.given_names.as_deref(), given, "{input}");
        assert_eq!(parts.patronymic.as_deref(), patronymic, "{input}");
    }
    let query = NameParts::from_full_name("Elchin Mammadov").keys();
    let stored = name_keys("Məmmədov", Some("Elçin"), Some("Əli oğlu"));
    assert_eq!(query.surname_keys, stored.surname_keys);
    assert_eq!(query.given_keys, stored.given_keys);
    assert_eq!(NameParts::from_full_name("").keys(), NameKeys::default());
}

#[test]
fn full_name_and_trigrams() {
    let k = name_keys("Məmmədova", Some("Səbinə"), Some("Əli qızı"));
    assert_eq!(k.full(), "mammadov sabin");
    assert_eq!(k.trigrams, trigrams("mammadov sabin"));
    // One typo inside an 8-letter word costs 3 of its 8 trigrams.
    let a = trigrams("mammadov");
    let b = trigrams("mammadav");
    let shared = a.iter().filter(|t| b.contains(t)).count();
    assert_eq!((shared, a.len()), (5, 8));
}

#[test]
fn display_forms() {
    assert_eq!(
        normalize_display(" MƏMMƏDOV  ELÇİN ƏLİ OĞLU "),
        "Məmmədov Elçin Əli oğlu"
    );
    assert_eq!(
        normalize_display("ERIKSSON ANNA MARIA"),
        "Eriksson Anna Maria"
    );
}
