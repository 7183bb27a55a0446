"""Name resources for the synthetic region, hand-written for this project.

Common Arabic given names, family names, tribal names and nisbas (names of origin),
each in Arabic script with the Latin spellings registries use (format in
:mod:`tabadul.synth._spelling`). Names are combined at random; no entry and no list here
describes a real person. A few combinations that would spell the name of a well-known
public figure are never produced (:data:`RESERVED`), and the surnames of such figures
are simply not in the tables.

Sahelian family names of non-Arabic origin (Traoré, Maïga ...) are given in the Arabic
script used to write them in Ajami, since registries there hold both.
"""

from __future__ import annotations

from tabadul.synth._spelling import Spelled, parse_table

__all__ = [
    "CONNECTORS",
    "EASTERN_FAMILY",
    "FEMALE_GIVEN",
    "GENERAL_FAMILY",
    "KUNYA",
    "LIBYAN_FAMILY",
    "MAGHREB_FAMILY",
    "MALE_GIVEN",
    "RESERVED",
    "SAHEL_FAMILY",
    "Connector",
]

MALE_GIVEN: tuple[Spelled, ...] = parse_table(
    """
    محمد | Mohamed | Muhammad | eg=Mohamed; so=Mohamed; sahel=Mahamadou; TD=Mahamat
    أحمد | Ahmed | Ahmad | eg=Ahmed; so=Ahmed; sahel=Amadou; TD=Ahmat
    محمود | Mahmoud | Mahmud | eg=Mahmoud; so=Mohamud; TD=Mahamoud
    مصطفى | Mustapha | Mustafa | eg=Mostafa; sahel=Moustapha
    يوسف | Youssef | Yusuf | DZ=Youcef; sahel=Youssouf
    إبراهيم | Brahim | Ibrahim | TN=Ibrahim; sahel=Ibrahim
    إسماعيل | Ismaïl | Ismail | DZ=Smail; sahel=Ismaël
    علي | Ali | Ali
    عمر | Omar | Umar | eg=Omar; so=Omar; sahel=Oumar
    عثمان | Othmane | Uthman | DZ=Athmane; eg=Osman; so=Osman; sahel=Ousmane
    حسن | Hassan | Hasan | eg=Hassan; so=Hassan; sahel=Hassane
    حسين | Hocine | Husayn | MA=Houssine; eg=Hussein; so=Hussein; sahel=Housseini; DJ=Houssein
    خالد | Khaled | Khalid | eg=Khaled
    سعيد | Saïd | Said
    كريم | Karim | Karim
    رشيد | Rachid | Rashid
    نور الدين | Noureddine | Nur al-Din | eg=Nour El Din; so=Nuradin
    عبد القادر | Abdelkader | Abd al-Qadir | eg=Abdel Kader; sahel=Abdoulkader
    عبد الرحمن | Abderrahmane | Abd al-Rahman | sahel=Abdourahamane; DJ=Abdourahman
    عبد الله | Abdallah | Abdullah | eg=Abdallah; so=Abdullahi; sahel=Abdoulaye; MR=Abdallahi
    عبد السلام | Abdessalam | Abd al-Salam | sahel=Abdoussalam
    عبد العزيز | Abdelaziz | Abd al-Aziz | sahel=Abdoulaziz
    عبد الحميد | Abdelhamid | Abd al-Hamid | sahel=Abdoulhamid
    عبد المجيد | Abdelmajid | Abd al-Majid | DZ=Abdelmadjid
    عبد الكريم | Abdelkrim | Abd al-Karim | TD=Abdelkerim; sahel=Abdoulkarim
    عبد اللطيف | Abdellatif | Abd al-Latif
    عبد الرزاق | Abderrazak | Abd al-Razzaq | sahel=Abdourazak
    عبد الحكيم | Abdelhakim | Abd al-Hakim
    عبد الغني | Abdelghani | Abd al-Ghani
    عبد الواحد | Abdelouahed | Abd al-Wahid | sahel=Abdoulwahid
    عبد الوهاب | Abdelouahab | Abd al-Wahhab
    عبد الباقي | Abdelbaki | Abd al-Baqi
    عبد الرحيم | Abderrahim | Abd al-Rahim
    عبد الجليل | Abdeljalil | Abd al-Jalil
    عبد النور | Abdennour | Abd al-Nur
    عبد الحق | Abdelhak | Abd al-Haqq
    عبد الفتاح | Abdelfattah | Abd al-Fattah
    عبد الصمد | Abdessamad | Abd al-Samad
    عبد الحليم | Abdelhalim | Abd al-Halim
    عبد المالك | Abdelmalek | Abd al-Malik
    عبد الباسط | Abdelbasset | Abd al-Basit
    عبد المنعم | Abdelmoumen | Abd al-Munim | eg=Abdel Moneim
    عبد العالي | Abdelali | Abd al-Ali
    يحيى | Yahia | Yahya | eg=Yehia; sahel=Yaya
    زكرياء | Zakaria | Zakariya | eg=Zakaria; sahel=Zakari
    موسى | Moussa | Musa | so=Muse
    عيسى | Aïssa | Isa | sahel=Issa; so=Isse; KM=Issa
    إدريس | Idriss | Idris | MA=Driss; sahel=Idrissa
    يونس | Younes | Yunus | eg=Younis; sahel=Younoussa
    سليمان | Slimane | Sulayman | MA=Soulaimane; eg=Soliman; so=Suleiman; sahel=Souleymane
    داود | Daoud | Dawud | sahel=Daouda
    آدم | Adam | Adam | TD=Adoum
    أبو بكر | Boubker | Abu Bakr | DZ=Boubekeur; sahel=Boubacar; TD=Abakar; so=Abubakar
    جمال | Djamel | Jamal | MA=Jamal; TN=Jamel
    نجيب | Najib | Najib | DZ=Nadjib; eg=Naguib
    رجب | Rajab | Rajab | TN=Rejeb
    مجدي | Majdi | Majdi | eg=Magdy
    حمزة | Hamza | Hamza
    بلال | Bilal | Bilal
    طارق | Tarek | Tariq | eg=Tarek
    ياسين | Yassine | Yasin | eg=Yassin
    أنس | Anas | Anas
    أيوب | Ayoub | Ayyub | eg=Ayoub
    مراد | Mourad | Murad | eg=Mourad
    هشام | Hicham | Hisham | eg=Hesham
    وليد | Walid | Walid
    سفيان | Soufiane | Sufyan | eg=Sofian
    نبيل | Nabil | Nabil
    فيصل | Fayçal | Faysal | MA=Faissal; eg=Faisal
    صالح | Saleh | Salih | KM=Soilihi; so=Salah
    مهدي | Mehdi | Mahdi | eg=Mahdy
    فؤاد | Fouad | Fuad
    منير | Mounir | Munir
    سمير | Samir | Samir
    عادل | Adel | Adil | eg=Adel
    عماد | Imad | Imad | eg=Emad
    أسامة | Oussama | Usama | eg=Osama
    زياد | Ziad | Ziyad
    رضا | Réda | Rida | eg=Reda
    فاروق | Farouk | Faruq | eg=Farouk
    مروان | Marouane | Marwan
    أنور | Anouar | Anwar
    حامد | Hamed | Hamid
    شريف | Cherif | Sharif | eg=Sherif
    الطاهر | Tahar | Tahir | eg=Taher
    العربي | Larbi | Arabi | eg=Araby
    الحبيب | Habib | Habib
    بشير | Bachir | Bashir
    توفيق | Toufik | Tawfiq | eg=Tawfik
    مختار | Mokhtar | Mukhtar | sahel=Moctar
    سيدي | Sidi | Sidi | @=MR ML NE
    الشيخ | Cheikh | Shaykh | so=Sheikh; eg=El Sheikh; sahel=Cheick; @=MR ML NE SO DJ SD
    سالم | Salem | Salim
    سليم | Slim | Salim | MA=Salim; DZ=Salim
    مبروك | Mabrouk | Mabruk
    الأمين | Lamine | Al-Amin | eg=El Amin; so=Amin; SD=Elamin
    إلياس | Ilyes | Ilyas | MA=Ilyas
    أمين | Amine | Amin
    وائل | Wael | Wail | eg=Wael
    حاتم | Hatem | Hatim | eg=Hatem
    ماجد | Majed | Majid | eg=Maged
    جابر | Djaber | Jabir | MA=Jaber; TN=Jaber; eg=Gaber
    جلال | Djalal | Jalal | MA=Jalal; TN=Jalel; eg=Galal
    نصر | Nasr | Nasr
    منصور | Mansour | Mansur
    عباس | Abbas | Abbas
    قاسم | Kacem | Qasim | MA=Kassem; eg=Kassem
    بلقاسم | Belkacem | Belqasim | @=DZ TN MA
    الصادق | Sadok | Al-Sadiq | DZ=Saddek; eg=El Sadek; SD=Elsadig
    نوح | Nouh | Nuh
    هارون | Haroun | Harun
    إسحاق | Ishak | Ishaq | sahel=Issiaka
    خليل | Khalil | Khalil
    عمار | Ammar | Ammar
    شعيب | Chouaib | Shuayb
    معاذ | Mouad | Muadh | eg=Moaz
    عدنان | Adnane | Adnan
    حمدي | Hamdi | Hamdi | eg=Hamdy
    فتحي | Fethi | Fathi | eg=Fathy
    صبري | Sabri | Sabri | eg=Sabry
    شوقي | Chawki | Shawqi | eg=Shawky
    ناصر | Nacer | Nasir | MA=Nasser; eg=Nasser
    حافظ | Hafid | Hafiz | eg=Hafez
    ربيع | Rabie | Rabi | eg=Rabie
    نادر | Nader | Nadir
    رمضان | Ramdane | Ramadan | TN=Ramadhan
    سيف | Seif | Sayf | eg=Seif
    هاني | Hani | Hani
    خميس | Khemais | Khamis
    مسعود | Messaoud | Masud
    مالك | Malek | Malik | sahel=Malick
    عبدي | Abdi | Abdi | @=SO DJ ET ER
    فارح | Farah | Farah | @=SO DJ ET ER
    زكي | Zaki | Zaki | eg=Zaky
    ماهر | Maher | Mahir | eg=Maher
    رياض | Riad | Riyad
    عزيز | Aziz | Aziz
    كمال | Kamel | Kamal | MA=Kamal
    لطفي | Lotfi | Lutfi | eg=Lotfy
    فريد | Farid | Farid
    عصام | Issam | Isam | eg=Essam
    حسام | Houssam | Husam | eg=Hossam
    طه | Taha | Taha
    أيمن | Aymen | Ayman
    بدر | Badr | Badr
    صابر | Saber | Sabir | eg=Saber
    """
)

FEMALE_GIVEN: tuple[Spelled, ...] = parse_table(
    """
    فاطمة | Fatima | Fatima | DZ=Fatma; TN=Fatma; eg=Fatma; sahel=Fatoumata; so=Fadumo; MR=Fatimetou
    عائشة | Aïcha | Aisha | sahel=Aïssata; so=Asha; MR=Aichetou
    خديجة | Khadija | Khadija | DZ=Khadidja; sahel=Khadidiatou; MR=Khadijetou
    مريم | Meriem | Maryam | MA=Meryem; eg=Mariam; sahel=Mariam; so=Maryan
    زينب | Zineb | Zaynab | eg=Zeinab; sahel=Zeinabou; so=Zeynab
    أمينة | Amina | Amina | sahel=Aminata
    حليمة | Halima | Halima
    نعيمة | Naima | Naima
    سعاد | Souad | Suad | eg=Soad
    ليلى | Leila | Layla | eg=Laila
    سلمى | Salma | Salma
    نادية | Nadia | Nadia
    سميرة | Samira | Samira
    كريمة | Karima | Karima
    حياة | Hayat | Hayat
    رشيدة | Rachida | Rashida
    نورة | Noura | Nura | eg=Noura
    هدى | Houda | Huda | eg=Hoda
    سارة | Sara | Sara
    هاجر | Hajar | Hajar
    إيمان | Imane | Iman | eg=Eman
    أسماء | Asmaa | Asma
    وفاء | Wafa | Wafa
    سهام | Siham | Siham | eg=Seham
    جميلة | Djamila | Jamila | MA=Jamila
    زهرة | Zohra | Zahra | MA=Zahra
    رقية | Rokia | Ruqayya | MA=Rokaya
    حواء | Hawa | Hawa
    صفية | Safia | Safiyya
    مليكة | Malika | Malika
    ياسمين | Yasmine | Yasmin
    سلوى | Salwa | Salwa
    منى | Mouna | Muna | eg=Mona
    آمنة | Amna | Amna
    رحمة | Rahma | Rahma
    عزيزة | Aziza | Aziza
    نجاة | Najat | Najat | DZ=Nadjet
    سكينة | Sakina | Sakina
    دنيا | Dounia | Dunya
    خيرة | Kheira | Khayra
    مباركة | Mebarka | Mubaraka
    هند | Hind | Hind
    رانيا | Rania | Rania
    لبنى | Loubna | Lubna
    غادة | Ghada | Ghada
    منيرة | Mounira | Munira
    سمية | Soumia | Sumayya | eg=Somaya
    """
)

# Family names of the Maghreb: Morocco, Algeria, Tunisia.
MAGHREB_FAMILY: tuple[Spelled, ...] = parse_table(
    """
    بناني | Bennani | Bannani
    العلوي | Alaoui | al-Alawi
    الإدريسي | El Idrissi | al-Idrisi
    التازي | Tazi | al-Tazi
    الفاسي | El Fassi | al-Fasi
    برادة | Berrada | Barrada
    بنعلي | Benali | Bin Ali
    بوزيد | Bouzid | Bu Zayd
    حداد | Haddad | Haddad
    بلقاسمي | Belkacemi | Belqasimi
    الطرابلسي | Trabelsi | al-Tarabulsi
    الجبالي | Jebali | al-Jabali
    الغربي | Gharbi | al-Gharbi
    الشعباني | Chaabani | al-Shabani
    المنصوري | Mansouri | al-Mansuri
    الحمدي | Hamdi | al-Hamdi
    بن سالم | Ben Salem | bin Salim
    بن يوسف | Benyoucef | bin Yusuf | MA=Benyoussef; TN=Ben Youssef
    بن عمر | Benamar | bin Umar
    الشرقي | Cherki | al-Sharqi
    العمراني | El Amrani | al-Amrani
    الزياني | Ziani | al-Ziyani
    الصغير | Seghir | al-Saghir
    القباج | Kabbaj | al-Qabbaj
    الشرايبي | Chraibi | al-Sharaybi
    بنجلون | Benjelloun | Bin Jallun
    السوسي | Soussi | al-Susi
    المراكشي | Marrakchi | al-Marrakushi
    الوزاني | Ouazzani | al-Wazzani
    الكتاني | Kettani | al-Kattani
    الحسني | El Hassani | al-Hasani
    الزروالي | Zerouali | al-Zarwali
    العثماني | Othmani | al-Uthmani
    بلعيد | Belaid | Bil-Id
    عمارة | Amara | Amara
    حمودة | Hammouda | Hammuda
    السعدي | Saadi | al-Saadi
    مزيان | Meziane | Mazyan
    الشاوي | Chaoui | al-Shawi
    القاسمي | Kacemi | al-Qasimi
    بن عيسى | Benaissa | bin Isa
    بن الشيخ | Bencheikh | bin al-Shaykh
    البخاري | Boukhari | al-Bukhari
    بن زيان | Benziane | bin Ziyan
    العياشي | Ayachi | al-Ayyashi
    بوراس | Bouras | Bu Ras
    مرابط | Merabet | Murabit
    بن حمو | Benhammou | bin Hammu
    الحمداني | Hamdani | al-Hamdani
    لعرابي | Laarabi | al-Arabi
    خليفي | Khelifi | Khalifi
    زروقي | Zerrouki | Zarruqi
    بلعباس | Belabbes | Bil-Abbas
    بن موسى | Benmoussa | bin Musa
    قدور | Kaddour | Qaddur
    جعفر | Djaafar | Jafar | MA=Jaafar; TN=Jaafar
    بن داود | Bendaoud | bin Dawud
    النجار | Nejjar | al-Najjar | MA=Najjar
    الخياط | Khayat | al-Khayyat
    العطار | Attar | al-Attar
    بوزيان | Bouziane | Bu Ziyan
    فرحات | Ferhat | Farhat
    مسعودي | Messaoudi | Masudi
    رحماني | Rahmani | Rahmani
    سليماني | Slimani | Sulaymani
    بوعزة | Bouazza | Bu Azza
    الدريدي | Dridi | al-Duraydi
    الهمامي | Hammami | al-Hammami
    الزواري | Zouari | al-Zuwari
    الكعبي | Kaabi | al-Kaabi
    الورتاني | Ouertani | al-Wartani
    بن حسين | Benhocine | bin Husayn | MA=Benhoussine; TN=Ben Hassine
    عياد | Ayad | Ayyad
    """
)

LIBYAN_FAMILY: tuple[Spelled, ...] = parse_table(
    """
    الورفلي | Warfalli | al-Warfalli
    المصراتي | Misrati | al-Misrati
    الزوي | Zoui | al-Zuwayy
    التاجوري | Tajouri | al-Tajuri
    الفيتوري | Fitouri | al-Fituri
    العبيدي | Obeidi | al-Ubaydi
    البرعصي | Barassi | al-Baraasi
    الزنتاني | Zintani | al-Zintani
    الفرجاني | Ferjani | al-Farjani
    الدرسي | Dersi | al-Dirsi
    العريبي | Arebi | al-Uraybi
    بن حميد | Ben Hamid | bin Humayd
    الشلماني | Chelmani | al-Shalmani
    الجهاني | Jehani | al-Juhani
    العقوري | Agouri | al-Aquri
    المهدوي | Mahdaoui | al-Mahdawi
    """
)

# Egypt and Sudan (where most persons are named by father and grandfather instead).
EASTERN_FAMILY: tuple[Spelled, ...] = parse_table(
    """
    السيد | El Sayed | al-Sayyid | eg=El-Sayed
    الشاذلي | Chadli | al-Shadhili | eg=El-Shazly
    النور | Ennour | al-Nur | SD=Elnour
    الطيب | Tayeb | al-Tayyib | SD=Eltayeb
    الفكي | Fekki | al-Faki | SD=Elfaki
    البدوي | Badaoui | al-Badawi | eg=El-Badawy
    الجمال | Djemmal | al-Jammal | eg=El-Gammal
    الحلبي | Halabi | al-Halabi
    الشناوي | Chennaoui | al-Shinnawi | eg=El-Shennawy
    الدسوقي | Dessouki | al-Dasuqi | eg=El-Desouky
    المنياوي | Minyaoui | al-Minyawi | eg=El-Menyawy
    الصعيدي | Saidi | al-Saidi | eg=El-Saeedy
    حجازي | Hedjazi | Hijazi | eg=Hegazy
    الشافعي | Chafii | al-Shafii | eg=El-Shafei
    الجعلي | Jaali | al-Jaali
    خليفة | Khalifa | Khalifa
    الزين | Zine | al-Zayn | SD=Elzein
    الماحي | Mahi | al-Mahi | SD=Elmahi
    بابكر | Babiker | Babikir | SD=Babiker
    محجوب | Mahjoub | Mahjub | SD=Mahgoub; eg=Mahgoub
    """
)

# Nisbas and names found across the Arab members.
GENERAL_FAMILY: tuple[Spelled, ...] = parse_table(
    """
    المصري | Masri | al-Masri
    الشريف | Cherif | al-Sharif
    المغربي | Maghrebi | al-Maghribi
    الخطيب | Khatib | al-Khatib
    الأنصاري | Ansari | al-Ansari
    الهاشمي | Hachemi | al-Hashimi
    الحسيني | Husseini | al-Husayni
    القرشي | Kourachi | al-Qurashi
    التميمي | Tamimi | al-Tamimi
    الجزائري | Djazairi | al-Jazairi
    التونسي | Tounsi | al-Tunisi
    السوداني | Soudani | al-Sudani
    """
)

# Family names of Mali and Niger (also used in Chad and Mauritania).
SAHEL_FAMILY: tuple[Spelled, ...] = parse_table(
    """
    تراوري | Traoré | Traore
    سيسي | Cissé | Cisse
    توري | Touré | Toure
    مايغا | Maïga | Maiga
    ديالو | Diallo | Diallo
    كيتا | Keïta | Keita
    كوليبالي | Coulibaly | Coulibaly
    سيديبي | Sidibé | Sidibe
    حيدرة | Haïdara | Haidara
    ديكو | Dicko | Dicko
    سانغاري | Sangaré | Sangare
    ديارا | Diarra | Diarra
    كوناتي | Konaté | Konate
    سال | Sall | Sall
    ساو | Sow | Sow
    سيلا | Sylla | Sylla
    كانتي | Kanté | Kante
    الأنصاري | Ansari | al-Ansari
    """
)

# The kunya prefix ("father of", "mother of"), as (Arabic, Latin per style).
KUNYA: dict[str, tuple[str, dict[str, str]]] = {
    "male": ("أبو", {"fr": "Abou", "sahel": "Abou", "en": "Abu", "eg": "Abu", "so": "Abu"}),
    "female": ("أم", {"fr": "Oum", "sahel": "Oum", "en": "Umm", "eg": "Om", "so": "Umm"}),
}


class Connector:
    """A word joining a given name to the father's: *ben/bin* (بن), *Ould/walad* (ولد,
    Mauritania), *Ag* (أغ, Tuareg). Each has a male and a female form."""

    __slots__ = ("arabic", "latin")

    def __init__(self, arabic: tuple[str, str], latin: dict[str, tuple[str, str]]) -> None:
        self.arabic = arabic  # (male, female)
        self.latin = latin  # style -> (male, female)

    def spell(self, style: str, female: bool) -> tuple[str, str]:
        """(Arabic, Latin) for a person of that gender, in ``style``."""
        index = 1 if female else 0
        return self.arabic[index], self.latin[style][index]


def _same(male: str, female: str) -> dict[str, tuple[str, str]]:
    return {style: (male, female) for style in ("fr", "sahel", "en", "eg", "so")}


CONNECTORS: dict[str, Connector] = {
    "ben": Connector(
        ("بن", "بنت"),
        {
            "fr": ("Ben", "Bent"),
            "sahel": ("Ben", "Bent"),
            "en": ("bin", "bint"),
            "eg": ("bin", "bint"),
            "so": ("bin", "bint"),
        },
    ),
    "ould": Connector(
        ("ولد", "منت"),
        {
            "fr": ("Ould", "Mint"),
            "sahel": ("Ould", "Mint"),
            "en": ("walad", "mint"),
            "eg": ("walad", "mint"),
            "so": ("walad", "mint"),
        },
    ),
    "ag": Connector(("أغ", "ولت"), _same("Ag", "Walet")),
}

# Combinations of a first name and the next name(s), in Arabic, that would spell the
# name by which a well-known public figure is known. The generator draws again when an
# identity starts with one of these (or joins first and last name into one).
RESERVED: frozenset[tuple[str, ...]] = frozenset(
    {
        ("محمد", "عبد العزيز"),
        ("عمر", "بشير"),
        ("ليلى", "الطرابلسي"),
        ("عبد الله", "السنوسي"),
        ("عمر", "الشريف"),
        ("موسى", "تراوري"),
        ("أمينة", "تراوري"),
        ("أبو بكر", "تراوري"),
        ("أبو بكر", "كيتا"),
        ("إبراهيم", "كيتا"),
        ("يحيى", "توري"),
        ("أحمد", "توري"),
        ("عمر", "سليمان"),
        ("خالد", "سعيد"),
        ("عمر", "عبد الرحمن"),
        ("عبد الحليم", "حافظ"),
        ("محمد", "منير"),
        ("محمود", "عباس"),
        ("أحمد", "ياسين"),
        ("الصادق", "مهدي"),
        ("مصطفى", "عبد الجليل"),
        ("عمر", "مختار"),
        ("سيدي", "الشيخ"),
        ("محمد", "إدريس"),
        ("حسن", "الشيخ"),
        ("محمد", "عبد الله", "محمد"),
        ("أحمد", "عبدي"),
        ("عبد الله", "يوسف"),
        ("شريف", "الشيخ"),
        ("محمد", "فارح"),
        ("أحمد", "عبد الله"),
        ("سعيد", "محمد"),
        ("علي", "صالح"),
        ("خالد", "الشيخ"),
        ("محمد", "رشيد"),
        ("عبد الله", "حسين"),
        ("محمد", "عبد الوهاب"),
        ("علي", "عبد الله"),
        ("محمد", "نجيب"),
        ("عباس", "الفاسي"),
        ("عبد القادر", "صالح"),
        ("محمد", "يوسف"),
        ("إسماعيل", "عمر"),
        ("أحمد", "حسام"),
        ("حسام", "حسن"),
        ("أحمد", "فتحي"),
    }
)
