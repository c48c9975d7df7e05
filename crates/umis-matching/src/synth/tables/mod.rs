//! Name tables of the synthetic population, most frequent first (frequencies follow a Zipf law
//! over each list, steeper where real populations are: Azerbaijani surnames).

mod others;

pub use others::*;

/// Azerbaijani surnames in Azerbaijani Latin (masculine form).
pub const AZ_SURNAMES: &[&str] = &[
    "Məmmədov", "Əliyev", "Hüseynov", "Həsənov", "Quliyev", "İsmayılov", "Abdullayev", "Rzayev",
    "Mustafayev", "Cəfərov", "Babayev", "Rəhimov", "Nəcəfov", "Kərimov", "Səfərov", "Orucov",
    "Abbasov", "Əhmədov", "Süleymanov", "Vəliyev", "Xəlilov", "Qasımov", "Musayev", "Bayramov",
    "Hacıyev", "Zeynalov", "Sadıqov", "Əsgərov", "Nağıyev", "İbrahimov", "Şükürov", "Yusifov",
    "Novruzov", "Sultanov", "Kazımov", "Tağıyev", "Məhərrəmov", "Salmanov", "Paşayev", "Bağırov",
    "Mahmudov", "Muradov", "Əkbərov", "Qurbanov", "Ağayev", "Şahbazov", "Hümbətov", "Mirzəyev",
];

/// Azerbaijani male given names.
pub const AZ_MALE: &[&str] = &[
    "Elçin", "Rəşad", "Vüqar", "Orxan", "Tural", "Anar", "Elnur", "Kamran", "Ramil", "Rauf",
    "Fərid", "Cavid", "Ceyhun", "Elvin", "Murad", "Nicat", "Samir", "Zaur", "Əli", "Məmməd",
    "Hüseyn", "Həsən", "Rəhim", "İlqar", "Namiq", "Fuad", "Emin", "Rüstəm", "Tofiq", "Vaqif",
    "Yusif", "Ayxan", "Əhməd", "Nurlan", "Səbuhi", "Ülvi", "Kənan", "Vüsal", "Toğrul", "Rövşən",
    "Azər", "İlham", "Şahin", "Cəmil", "Elşən", "Xəyal", "Mirzə", "Qasım", "Bəhruz", "Əziz",
    "Sənan", "Fikrət", "Niyaz", "Arif", "Habil", "Zaur", "Eldar", "Mübariz", "Tərlan", "Cəlal",
];

/// Azerbaijani female given names.
pub const AZ_FEMALE: &[&str] = &[
    "Aygün", "Günel", "Leyla", "Nigar", "Ləman", "Səbinə", "Şəbnəm", "Xədicə", "Aynur", "Gülnar",
    "Nərgiz", "Sevinc", "Türkan", "Ülviyyə", "Kəmalə", "Lalə", "Nərmin", "Aysel", "Fidan", "Könül",
    "Məryəm", "Nuranə", "Röya", "Səidə", "Vüsalə", "Zeynəb", "Fatimə", "Aytən", "Gülnarə", "Jalə",
    "Elnarə", "Sevda", "Təranə", "Zəhra", "Arzu", "Əsmər", "İradə", "Mehriban", "Pərvin", "Rəna",
    "Solmaz", "Tamilla", "Ülkər", "Xanım", "Yeganə", "Zümrüd",
];

/// Russian surnames (masculine form).
pub const RU_SURNAMES: &[&str] = &[
    "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов",
    "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров",
    "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин",
    "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв",
    "Сергеев", "Кузьмин", "Фролов", "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв",
    "Ильин", "Максимов", "Поляков", "Сорокин", "Виноградов", "Ковалёв", "Белов", "Медведев",
    "Антонов", "Тарасов", "Жуков", "Баранов", "Филиппов", "Комаров", "Давыдов", "Беляев",
    "Герасимов", "Богданов", "Осипов", "Сидоров", "Матвеев", "Титов", "Марков", "Миронов",
    "Крылов", "Куликов", "Карпов", "Власов", "Мельников", "Денисов", "Гаврилов", "Тихонов",
    "Щербаков", "Назаров", "Калинин", "Исаев", "Чернышёв", "Быков", "Маслов", "Родионов",
];

/// Russian male given names.
pub const RU_MALE: &[&str] = &[
    "Александр", "Сергей", "Дмитрий", "Андрей", "Алексей", "Максим", "Евгений", "Иван", "Михаил",
    "Артём", "Николай", "Владимир", "Павел", "Денис", "Роман", "Олег", "Игорь", "Виктор", "Юрий",
    "Антон", "Константин", "Кирилл", "Вадим", "Егор", "Георгий", "Тимур", "Руслан", "Василий",
    "Фёдор", "Борис", "Григорий", "Степан", "Леонид", "Валерий", "Анатолий", "Геннадий",
    "Вячеслав", "Станислав", "Ярослав", "Глеб", "Матвей", "Тимофей", "Семён", "Арсений", "Эдуард",
];

/// Russian female given names.
pub const RU_FEMALE: &[&str] = &[
    "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Анна", "Мария", "Екатерина",
    "Юлия", "Анастасия", "Марина", "Людмила", "Галина", "Надежда", "Валентина", "Оксана",
    "Виктория", "Дарья", "Ксения", "Алина", "Полина", "Вера", "Любовь", "Софья", "Кристина",
    "Евгения", "Алёна", "Лариса", "Тамара", "Нина", "Зоя", "Жанна", "Инна", "Яна", "Диана",
];

/// Turkish surnames.
pub const TR_SURNAMES: &[&str] = &[
    "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın",
    "Özdemir", "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koç", "Kurt", "Özkan",
    "Şimşek", "Polat", "Özer", "Korkmaz", "Güneş", "Erdoğan", "Aksoy", "Tekin", "Bulut", "Acar",
    "Yavuz", "Güler", "Karaca", "Aktaş", "Keskin", "Ünal", "Bozkurt", "Işık", "Kaplan", "Avcı",
];

/// Turkish male given names.
pub const TR_MALE: &[&str] = &[
    "Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Hasan", "İbrahim", "İsmail", "Osman", "Yusuf",
    "Murat", "Ömer", "Ramazan", "Halil", "Süleyman", "Abdullah", "Mahmut", "Salih", "Kemal",
    "Recep", "Fatih", "Emre", "Burak", "Serkan", "Oğuz", "Cem", "Kaan", "Eren", "Barış",
];

/// Turkish female given names.
pub const TR_FEMALE: &[&str] = &[
    "Fatma", "Ayşe", "Emine", "Hatice", "Zeynep", "Elif", "Meryem", "Şerife", "Zehra", "Sultan",
    "Hanife", "Merve", "Özlem", "Yasemin", "Hülya", "Esra", "Büşra", "Gül", "Derya", "Ebru",
];

/// Iranian surnames: Persian script, then Latin spellings (the first is the passport's).
pub const IR_SURNAMES: &[&str] = &[
    "محمدی|Mohammadi|Mohamadi|Muhammadi", "حسینی|Hosseini|Hoseini|Husseini", "احمدی|Ahmadi",
    "رضایی|Rezaei|Rezaee|Rezai", "موسوی|Mousavi|Musavi|Moosavi", "کریمی|Karimi",
    "جعفری|Jafari|Jafary|Djafari", "رحیمی|Rahimi", "صادقی|Sadeghi|Sadeqi", "هاشمی|Hashemi",
    "حیدری|Heidari|Heydari|Haidari", "قاسمی|Ghasemi|Qasemi", "نوری|Nouri|Noori", "اکبری|Akbari",
    "عباسی|Abbasi", "کاظمی|Kazemi", "امیری|Amiri", "طاهری|Taheri", "مرادی|Moradi", "علوی|Alavi",
    "سلیمانی|Soleimani|Solaimani", "ابراهیمی|Ebrahimi|Ibrahimi", "نجفی|Najafi", "یزدانی|Yazdani",
    "شریفی|Sharifi", "رستمی|Rostami", "باقری|Bagheri|Baqeri", "فرهادی|Farhadi",
    "خسروی|Khosravi|Khosrawi", "تهرانی|Tehrani",
];

/// Iranian male given names.
pub const IR_MALE: &[&str] = &[
    "محمد|Mohammad|Mohammed|Muhammad", "علی|Ali", "حسین|Hossein|Hosein|Hussein", "رضا|Reza",
    "مهدی|Mehdi|Mahdi", "امیر|Amir", "حسن|Hassan|Hasan", "عباس|Abbas", "مصطفی|Mostafa|Mustafa",
    "سعید|Saeed|Saeid|Said", "مجید|Majid", "احمد|Ahmad|Ahmed", "جواد|Javad|Jawad", "حمید|Hamid",
    "بهروز|Behrouz|Behruz", "فرهاد|Farhad", "داوود|Davood|Davoud|Dawood", "یوسف|Yousef|Yusuf",
    "محسن|Mohsen|Mohsin", "ابراهیم|Ebrahim|Ibrahim", "بابک|Babak", "کاوه|Kaveh|Kave",
];

/// Iranian female given names.
pub const IR_FEMALE: &[&str] = &[
    "فاطمه|Fatemeh|Fatemah|Fatima", "زهرا|Zahra", "مریم|Maryam|Mariam", "زینب|Zeinab|Zeynab",
    "معصومه|Masoumeh|Masumeh", "سارا|Sara|Sarah", "نرگس|Narges", "لیلا|Leila|Leyla|Layla",
    "مینا|Mina", "شیرین|Shirin", "پریسا|Parisa", "نازنین|Nazanin", "الهام|Elham", "سمیرا|Samira",
    "نسرین|Nasrin", "آزاده|Azadeh|Azade", "مهسا|Mahsa", "فرشته|Fereshteh",
];
