// Name material for the synthetic demo operation. Common Arabic given names with the Latin
// spellings rosters actually use; nobody here is a real person.

export type GivenName = { ar: string; latin: string[] };

export const GIVEN: GivenName[] = [
  { ar: 'محمد', latin: ['Muhammad', 'Mohammed', 'Mohamed', 'Mohammad', 'Mohamad'] },
  { ar: 'أحمد', latin: ['Ahmad', 'Ahmed', 'Ahmet'] },
  { ar: 'عبد الله', latin: ['Abdullah', 'Abd Allah', 'Abdallah', 'Abdulla'] },
  { ar: 'عبد الرحمن', latin: ['Abd al-Rahman', 'Abdul Rahman', 'Abdelrahman', 'Abdurrahman'] },
  { ar: 'عبد العزيز', latin: ['Abd al-Aziz', 'Abdul Aziz', 'Abdelaziz'] },
  { ar: 'عبد الكريم', latin: ['Abd al-Karim', 'Abdul Karim', 'Abdelkarim'] },
  { ar: 'عمر', latin: ['Omar', 'Umar', 'Omer'] },
  { ar: 'علي', latin: ['Ali', 'Aly'] },
  { ar: 'حسن', latin: ['Hassan', 'Hasan'] },
  { ar: 'حسين', latin: ['Hussein', 'Husayn', 'Hussain', 'Hussien'] },
  { ar: 'خالد', latin: ['Khalid', 'Khaled'] },
  { ar: 'يوسف', latin: ['Yusuf', 'Youssef', 'Yousef', 'Yousif'] },
  { ar: 'إبراهيم', latin: ['Ibrahim', 'Ebrahim', 'Brahim'] },
  { ar: 'مصطفى', latin: ['Mustafa', 'Mostafa', 'Moustafa'] },
  { ar: 'محمود', latin: ['Mahmoud', 'Mahmud', 'Mahmood'] },
  { ar: 'سعيد', latin: ['Said', 'Saeed', 'Saeid'] },
  { ar: 'سليمان', latin: ['Sulayman', 'Suleiman', 'Soliman'] },
  { ar: 'عثمان', latin: ['Uthman', 'Othman', 'Osman'] },
  { ar: 'حمزة', latin: ['Hamza', 'Hamzah'] },
  { ar: 'جمال', latin: ['Jamal', 'Gamal'] },
  { ar: 'طارق', latin: ['Tariq', 'Tarek', 'Tarik'] },
  { ar: 'ماجد', latin: ['Majid', 'Majed'] },
  { ar: 'فيصل', latin: ['Faisal', 'Faysal'] },
  { ar: 'سلمان', latin: ['Salman', 'Selman'] },
  { ar: 'زياد', latin: ['Ziad', 'Ziyad'] },
  { ar: 'ياسر', latin: ['Yasser', 'Yasir'] },
  { ar: 'وليد', latin: ['Walid', 'Waleed'] },
  { ar: 'أسامة', latin: ['Usama', 'Osama', 'Oussama'] },
  { ar: 'بكر', latin: ['Bakr', 'Bakir'] },
  { ar: 'صالح', latin: ['Salih', 'Saleh'] },
  { ar: 'فارس', latin: ['Faris', 'Fares'] },
  { ar: 'نبيل', latin: ['Nabil', 'Nabeel'] },
  { ar: 'رامي', latin: ['Rami', 'Ramy'] },
  { ar: 'كريم', latin: ['Karim', 'Kareem'] },
  { ar: 'ناصر', latin: ['Nasser', 'Nasir'] },
  { ar: 'منصور', latin: ['Mansour', 'Mansur'] },
  { ar: 'عادل', latin: ['Adel', 'Adil'] },
  { ar: 'هشام', latin: ['Hisham', 'Hichem'] },
  { ar: 'بلال', latin: ['Bilal', 'Belal'] },
  { ar: 'أنس', latin: ['Anas', 'Annas'] },
  { ar: 'معاذ', latin: ['Muadh', 'Moaz', 'Muath'] },
  { ar: 'قاسم', latin: ['Qasim', 'Kassem', 'Qassem'] },
  { ar: 'رشيد', latin: ['Rashid', 'Rachid'] },
  { ar: 'عيسى', latin: ['Isa', 'Issa', 'Eissa'] },
  { ar: 'موسى', latin: ['Musa', 'Moussa', 'Mousa'] },
  { ar: 'جعفر', latin: ['Jafar', 'Jaafar'] },
  { ar: 'سامي', latin: ['Sami', 'Samy'] },
  { ar: 'عمار', latin: ['Ammar', 'Amar'] },
];

export const FAMILY: GivenName[] = [
  { ar: 'الجبوري', latin: ['al-Jubouri', 'al-Jaburi', 'Al Jbouri'] },
  { ar: 'الدليمي', latin: ['al-Dulaimi', 'al-Dulaymi', 'el-Dlimi'] },
  { ar: 'العبيدي', latin: ['al-Obeidi', 'al-Ubaydi', 'Al Obaidi'] },
  { ar: 'الشمري', latin: ['al-Shammari', 'al-Shamari', 'Al Shammary'] },
  { ar: 'العنزي', latin: ['al-Anazi', 'al-Enezi', 'Al Anizi'] },
  { ar: 'البكاري', latin: ['al-Bakkari', 'al-Bakari'] },
  { ar: 'الحسن', latin: ['al-Hassan', 'al-Hasan', 'el-Hassan'] },
  { ar: 'الأحمد', latin: ['al-Ahmad', 'al-Ahmed'] },
  { ar: 'العلي', latin: ['al-Ali', 'el-Ali'] },
  { ar: 'الخلف', latin: ['al-Khalaf', 'al-Khalef'] },
  { ar: 'الحمد', latin: ['al-Hamad', 'al-Hamed'] },
  { ar: 'العبد الله', latin: ['al-Abdullah', 'al-Abdallah'] },
  { ar: 'الموسى', latin: ['al-Musa', 'al-Moussa'] },
  { ar: 'الصالح', latin: ['al-Salih', 'al-Saleh'] },
  { ar: 'الراوي', latin: ['al-Rawi', 'al-Rawy'] },
  { ar: 'الكبيسي', latin: ['al-Kubaisi', 'al-Kubaysi'] },
  { ar: 'المحمد', latin: ['al-Muhammad', 'al-Mohammed'] },
  { ar: 'العكيدي', latin: ['al-Ukaydi', 'al-Okaidi'] },
  { ar: 'الزوبعي', latin: ['al-Zobaie', 'al-Zawbai'] },
  { ar: 'الجنابي', latin: ['al-Janabi', 'al-Jenabi'] },
];

// Nisba by country of origin: the origin adjective a foreign fighter is often known by.
export const NISBA: Record<string, GivenName> = {
  SYR: { ar: 'الشامي', latin: ['al-Shami'] }, IRQ: { ar: 'العراقي', latin: ['al-Iraqi'] }, TUN: { ar: 'التونسي', latin: ['al-Tunisi', 'al-Tounsi'] },
  MAR: { ar: 'المغربي', latin: ['al-Maghribi'] }, EGY: { ar: 'المصري', latin: ['al-Masri'] }, SAU: { ar: 'الجزراوي', latin: ['al-Jazrawi'] },
  JOR: { ar: 'الأردني', latin: ['al-Urduni'] }, TUR: { ar: 'التركي', latin: ['al-Turki'] }, RUS: { ar: 'الشيشاني', latin: ['al-Shishani'] },
  TJK: { ar: 'الطاجيكي', latin: ['al-Tajiki'] }, KAZ: { ar: 'الكازاخي', latin: ['al-Kazakhi'] }, UZB: { ar: 'الأوزبكي', latin: ['al-Uzbeki'] },
  FRA: { ar: 'الفرنسي', latin: ['al-Faransi'] }, DEU: { ar: 'الألماني', latin: ['al-Almani'] }, GBR: { ar: 'البريطاني', latin: ['al-Britani'] },
  BEL: { ar: 'البلجيكي', latin: ['al-Beljiki'] }, DZA: { ar: 'الجزائري', latin: ['al-Jazairi'] }, LBY: { ar: 'الليبي', latin: ['al-Libi'] },
  YEM: { ar: 'اليمني', latin: ['al-Yemeni'] }, AZE: { ar: 'الأذري', latin: ['al-Azeri'] }, KGZ: { ar: 'القرغيزي', latin: ['al-Qirghizi'] },
  IDN: { ar: 'الإندونيسي', latin: ['al-Indunisi'] }, SWE: { ar: 'السويدي', latin: ['al-Swedi'] }, SDN: { ar: 'السوداني', latin: ['al-Sudani'] },
};

// Given names of Central Asian and Caucasian origin, written as their own rosters write them.
export const CENTRAL_ASIAN_SURNAMES = ['Rahimov', 'Karimov', 'Nazarov', 'Saidov', 'Yusupov', 'Aliyev', 'Umarov', 'Sharipov', 'Abdulloev', 'Davletov', 'Tursunov', 'Ismoilov', 'Bekov', 'Khamidov'];

// Roughly the mix reported for the prisons of the north-east: Syrians and Iraqis first, then
// foreign fighters from some forty countries.
export const NATIONALITY_WEIGHTS: [string, number][] = [
  ['SYR', 3300], ['IRQ', 2200], ['TUN', 180], ['MAR', 120], ['EGY', 100], ['SAU', 90], ['JOR', 80], ['TUR', 90], ['RUS', 110],
  ['TJK', 90], ['KAZ', 60], ['UZB', 80], ['KGZ', 40], ['AZE', 40], ['DZA', 50], ['LBY', 40], ['LBN', 35], ['YEM', 30], ['KWT', 12],
  ['PAK', 20], ['AFG', 15], ['IND', 8], ['IDN', 25], ['MYS', 10], ['CHN', 20], ['FRA', 60], ['BEL', 25], ['DEU', 45], ['GBR', 30],
  ['NLD', 20], ['SWE', 15], ['DNK', 8], ['AUT', 8], ['ESP', 8], ['ITA', 6], ['USA', 6], ['CAN', 6], ['AUS', 10], ['TTO', 6], ['SDN', 12], ['SOM', 10],
];

export const ARREST_PLACES = ['Baghuz Fawqani', 'Hajin', 'Raqqa', 'Deir ez-Zor', 'al-Shaddadi', 'Susah', 'al-Kishma', 'Tabqa', 'Manbij', 'al-Hasakah'];
