//! The per-script tables, read through the whole transliteration.

use crate::names::transliterate;

#[test]
fn cyrillic_table() {
    let cases = [
        ("Юлия Щеглова", "iuliia shcheglova"),
        ("Мамедов Эльчин", "mamedov elchin"),
        ("Мәммәдов Елчин", "mammadov elchin"),
        ("Һүсејнов", "huseynov"),
        ("Ҹәфәров", "cafarov"),
        ("Ағајев", "aghayev"),
        ("Ҝүлнарә", "gulnara"),
        ("Өмәр", "omar"),
        ("Подъячев", "podieiachev"),
        ("Хабибуллин", "khabibullin"),
        ("Гусейнов", "guseinov"),
        ("Олександр Ґудзь", "oleksandr gudz"),
        ("Қасым", "qasym"),
    ];
    for (input, want) in cases {
        assert_eq!(transliterate(input), want, "{input}");
    }
}

#[test]
fn greek_georgian_armenian_table() {
    let cases = [
        ("Χρήστος Παπαδόπουλος", "christos papadopoulos"),
        ("ნინო ბერიძე", "nino beridze"),
        ("ᲒᲘᲝᲠᲒᲘ", "giorgi"),
        ("შოთა ჭავჭავაძე", "shota chavchavadze"),
        ("Արամ Պետրոսյան", "aram petrosyan"),
        ("Գուրգեն", "gurgen"),
    ];
    for (input, want) in cases {
        assert_eq!(transliterate(input), want, "{input}");
    }
}

#[test]
fn persian_table() {
    let cases = [
        ("علی", "ali"),
        ("عباس", "abas"),
        ("رضا", "rza"),
        ("محمود", "mhmud"),
        ("جواد", "jvad"),
        ("یوسف", "yusf"),
        ("حسین‌زاده", "hsinzadh"),
        ("شیرین", "shirin"),
    ];
    for (input, want) in cases {
        assert_eq!(transliterate(input), want, "{input}");
    }
}
