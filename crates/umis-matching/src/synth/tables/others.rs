//! Name tables of the smaller groups of the synthetic population: Georgian, Indian, Chinese
//! and other names.

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
