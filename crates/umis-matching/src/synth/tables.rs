//! Name tables of the synthetic population, most frequent first (frequencies follow a Zipf law
//! over each list, steeper where real populations are: Azerbaijani surnames).

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

/// Georgian surnames in the national romanisation (the script is derived).
pub const GE_SURNAMES: &[&str] = &[
    "Beridze", "Kapanadze", "Gelashvili", "Maisuradze", "Giorgadze", "Lomidze", "Tsiklauri",
    "Bolkvadze", "Kvaratskhelia", "Nozadze", "Khutsishvili", "Abashidze", "Japaridze", "Chikovani",
    "Gogoladze", "Mchedlishvili", "Kiknadze", "Shengelia", "Jorbenadze", "Tabatadze", "Dolidze",
    "Tsertsvadze", "Bakradze", "Melikishvili", "Svanidze", "Dvali", "Lortkipanidze", "Kobakhidze",
];

/// Georgian male given names.
pub const GE_MALE: &[&str] = &[
    "Giorgi", "Davit", "Levan", "Irakli", "Nikoloz", "Zurab", "Aleksandre", "Luka", "Vakhtang",
    "Gela", "Tamaz", "Mamuka", "Otar", "Revaz", "Shota", "Archil", "Lasha", "Beka", "Goga",
];

/// Georgian female given names.
pub const GE_FEMALE: &[&str] = &[
    "Nino", "Tamar", "Mariam", "Ana", "Eka", "Natia", "Salome", "Maia", "Ketevan", "Nana",
    "Tinatin", "Sopho", "Lia", "Manana", "Teona", "Khatia", "Elene", "Nato",
];

/// Indian surnames.
pub const IN_SURNAMES: &[&str] = &[
    "Kumar", "Singh", "Sharma", "Patel", "Gupta", "Verma", "Reddy", "Rao", "Iyer", "Nair", "Das",
    "Shah", "Mehta", "Joshi", "Mishra", "Yadav", "Chopra", "Kapoor", "Malhotra", "Bose",
    "Banerjee", "Chatterjee", "Mukherjee", "Pillai", "Menon", "Agarwal", "Jain", "Khan", "Ansari",
];

/// Indian male given names.
pub const IN_MALE: &[&str] = &[
    "Rahul", "Amit", "Rajesh", "Suresh", "Ramesh", "Vijay", "Sanjay", "Anil", "Sunil", "Arjun",
    "Vikram", "Rohit", "Deepak", "Manoj", "Ravi", "Arun", "Ajay", "Karan", "Nikhil", "Pradeep",
];

/// Indian female given names.
pub const IN_FEMALE: &[&str] = &[
    "Priya", "Sunita", "Anita", "Pooja", "Neha", "Kavita", "Deepika", "Anjali", "Lakshmi", "Meena",
    "Rekha", "Divya", "Shreya", "Aishwarya", "Sneha", "Asha", "Geeta", "Radha",
];

/// Chinese surnames in pinyin.
pub const CN_SURNAMES: &[&str] = &[
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma",
    "Zhu", "Hu", "Guo", "He", "Lin", "Gao", "Luo", "Zheng", "Liang", "Xie", "Song", "Tang", "Han",
];

/// Chinese given names in pinyin (two-syllable names written as one word).
pub const CN_GIVEN: &[&str] = &[
    "Wei", "Fang", "Na", "Min", "Jing", "Qiang", "Lei", "Jun", "Yong", "Yan", "Jie", "Tao", "Ming",
    "Chao", "Xiuying", "Xiaoming", "Hui", "Ling", "Ping", "Gang", "Hua", "Xin", "Hong", "Jian",
    "Zhiqiang", "Haiyan", "Lijuan", "Guiying", "Xiaohong", "Jianhua", "Yuxuan", "Zihan",
];

/// Other surnames (Western and Ukrainian), with their nationality.
pub const OTHER_SURNAMES: &[&str] = &[
    "DEU|Müller", "DEU|Schmidt", "DEU|Schneider", "DEU|Fischer", "DEU|Weber", "GBR|Smith",
    "GBR|Brown", "USA|Johnson", "USA|Williams", "FRA|Martin", "FRA|Bernard", "FRA|Dubois",
    "UKR|Шевченко", "UKR|Коваленко", "UKR|Бондаренко", "UKR|Ткаченко", "UKR|Кравченко",
    "UZB|Karimov", "UZB|Rashidov", "KAZ|Nurlanov", "ISR|Cohen", "ISR|Levi", "ITA|Rossi",
];

/// Other male given names.
pub const OTHER_MALE: &[&str] = &[
    "John", "Michael", "David", "James", "Thomas", "Peter", "Hans", "Klaus", "Jean", "Pierre",
    "Олександр", "Андрій", "Bekzod", "Daniel", "Marco",
];

/// Other female given names.
pub const OTHER_FEMALE: &[&str] = &[
    "Marie", "Anna", "Sarah", "Emma", "Laura", "Julia", "Sophie", "Олена", "Наталія", "Dilnoza",
];
