//! The words that signal speech, its speaker and its end, as flags per folded word.
//!
//! Every list is written the way Arabic news writes it; at first use each entry is folded with
//! the same tokenizer that reads the article ([`khabar_text::tokens`]), so hamza, alef maqsura
//! and harakat variants of a word all meet the same entry.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// A finite speech verb (قال, أكد, يقول …): a subject may follow.
pub const VERB: u32 = 1;
/// A call verb: دعا + إلى.
pub const CALL: u32 = 1 << 1;
/// A transmission verb: نقل X عن Y (X the source, Y the speaker).
pub const TRANSMIT: u32 = 1 << 2;
/// A participle of speech with the sentence's subject as speaker (قائلا, مضيفا, مؤكدا …).
pub const PARTICIPLE: u32 = 1 << 3;
/// A complementizer opening reported speech (إن, أن, بأن, أنه, فإن …).
pub const COMP: u32 = 1 << 4;
/// إلى (أشار إلى أن, دعا إلى).
pub const ILA: u32 = 1 << 5;
/// على (شدد على أن).
pub const ALA: u32 = 1 << 6;
/// عن (نقل عن).
pub const AN: u32 = 1 << 7;
/// An attribution preposition: حسب, بحسب, وفق, وفقا, طبقا, حسبما …
pub const ATTRIB: u32 = 1 << 8;
/// ما (بحسب ما قال).
pub const MA: u32 = 1 << 9;
/// A noun of saying with a pronoun (قوله, تعبيره): the speaker is the sentence's subject.
pub const SAID_NOUN: u32 = 1 << 10;
/// A word that ends the speaker phrase: في, خلال, أثناء, لدى …
pub const STOP: u32 = 1 << 11;
/// A time word: اليوم, أمس, الجمعة, مساء …
pub const TIME: u32 = 1 << 12;
/// An adverb or particle skipped before a speaker and ending one after it: أيضا, كذلك, قد …
pub const ADV: u32 = 1 << 13;
/// The head of a title: وزير, رئيس, المتحدث …
pub const TITLE: u32 = 1 << 14;
/// The head of a description used as a speaker: مصدر, مسؤول, شهود …
pub const DESC: u32 = 1 << 15;
/// A word naming a kind of organisation before its name: وكالة, صحيفة, موقع …
pub const ORG_WORD: u32 = 1 << 16;
/// A noun whose complement continues a title: حركة, حزب, وزارة, ولاية …
pub const CONSTRUCT: u32 = 1 << 17;
/// A word after which a quoted phrase is a name, not a quotation: تنظيم, برنامج, فيلم …
pub const NAME_INTRO: u32 = 1 << 18;
/// A word before أن that makes it not a complementizer of speech: بعد, قبل, يمكن …
pub const BLOCKER: u32 = 1 << 19;
/// Starts with the article (ال, وال, بال, لل …): derived, not listed.
pub const DEF: u32 = 1 << 20;
/// An addressee: ل + a listener (لرويترز, لمراسل, للجوهرة): derived, not listed.
pub const ADDR: u32 = 1 << 21;
/// A number: derived.
pub const NUM: u32 = 1 << 22;
/// A listener noun, the part after ل of an addressee.
pub const LISTENER: u32 = 1 << 23;
/// A verb of saying in an attribution after حسب ما (قال, أفاد, ذكر, نقلت, جاء …).
pub const ATTRIB_VERB: u32 = 1 << 24;
/// به, عنه: skipped after an attribution verb.
pub const BIH: u32 = 1 << 25;
/// لسان (على لسان X).
pub const LISAN: u32 = 1 << 26;
/// A verb that is not speech, ending a speaker phrase (كان, ليس …): few, only frequent ones.
pub const OTHER_VERB: u32 = 1 << 27;
/// بالقول, قوله (مضيفا بالقول:, مضيفا قوله أن): the saying named before what was said.
pub const BIL_QAWL: u32 = 1 << 28;
/// A document or a thing, not a speaker (الدراسة, البحث, الأرقام), or a scripture (الله).
pub const NOT_SPEAKER: u32 = 1 << 29;
/// ل or ب before a construct noun or a title (لشؤون, بوزارة): a title goes on. Derived.
pub const PREP_CONSTRUCT: u32 = 1 << 30;
/// A present-tense speech verb (يقول, تشير): mid-clause it is often a relative clause.
pub const PRESENT: u32 = 1 << 31;

/// Second set of flags (a u64 would do; two u32 keep the token small).
/// A relative pronoun: a verb after it is not a cue (التي تشير إلى أن).
pub const REL: u32 = 1;
/// وصف: its object follows it, the speaker is the sentence's subject.
pub const DESCRIBE: u32 = 1 << 1;
/// An occasion of speech (تصريح, بيان, مؤتمر): في before it ends a speaker phrase.
pub const EVENT: u32 = 1 << 2;
/// A given name written with the article (الهادي, الحبيب, الباجي): a name, not a title word.
pub const AL_NAME: u32 = 1 << 3;
/// ذات, نفس, ذاته, نفسه: the same one (ذات المصدر, المتحدث نفسه) as the previous speaker.
pub const SAME: u32 = 1 << 4;
/// بيّن written without its shadda is بين ("between"): a speech verb only when its إن/أن
/// follows within a few words (وبين أن …, قد بين في مناسبات عدة أنه …).
pub const VERB_IF_COMP: u32 = 1 << 5;
/// A participle of calling (داعيا, مطالبا): its object, then إلى or ب and what is called for.
pub const CALL_PARTICIPLE: u32 = 1 << 6;
/// A feminine speech participle written like a noun (مذكرة, ملاحظة, مقرة): a participle only
/// where its إن/أن or a colon follows at once.
pub const PARTICIPLE_IF_COMP: u32 = 1 << 8;
/// جاء / ورد ("it came", "it was stated"): with في and a document (وجاء في البيان), what
/// follows is the document's words.
pub const STATEMENT: u32 = 1 << 9;
/// A document or an utterance whose words can be reported (بيان, بلاغ, رسالة, تقرير …).
pub const DOCUMENT: u32 = 1 << 10;
/// عبّر (expressed), written like the preposition عبر (via): speech only with عن and the
/// words expressed in quotation marks (عبر الحزب عن "…").
pub const EXPRESS: u32 = 1 << 11;
/// What a study or a count finds (نتائج, دراسة, استطلاع, أرقام …): "أظهرت الدراسة أن …" reports
/// a finding, not speech.
pub const FINDING: u32 = 1 << 7;
/// A word that takes عن inside a title (المسؤول عن, النائب عن, بيان صادر عن): the phrase goes
/// on past عن after it, where after other words عن opens the verb's object (وأعلن الوزير عن).
pub const TAKES_AN: u32 = 1 << 12;
/// A verbal noun a verb of saying takes for its object (وأكد الوزير حرص بلاده على …, وأبرز
/// أهمية …): what was said, never a speaker's name; the subject ends before it.
pub const OBJECT_NOUN: u32 = 1 << 13;

const OBJECT_NOUNS: &[&str] = &[
    "حرص",
    "أهمية",
    "ضرورة",
    "استعداد",
    "التزام",
    "رفض",
    "تمسك",
    "عزم",
    "وجوب",
    "أولوية",
    "وجود",
    "صحة",
    "تورط",
    "إمكانية",
    "مواصلة",
    "استمرار",
    // لفت الانتباه إلى أن, لفت النظر إلى أن: the object of drawing attention.
    "الانتباه",
    "النظر",
];

const SPEECH_PAST: &[&str] = &[
    "قال",
    "أضاف",
    "أكد",
    "أوضح",
    "صرح",
    "تابع",
    "اعتبر",
    "أشار",
    "أفاد",
    "كشف",
    "شدد",
    "لفت",
    "أعلن",
    "ذكر",
    "اعترف",
    "أقر",
    "لاحظ",
    "نبه",
    "حذر",
    "أبرز",
    "استطرد",
    "أردف",
    "علق",
    "زعم",
    "نوه",
    "غرد",
    "أفصح",
    "رجح",
    "توقع",
    "أشاد",
    "جدد",
    "استدرك",
    "أعرب",
    "أجاب",
    "أبلغ",
    "تناقل",
    "لوح",
    "لمح",
];
/// Defective or otherwise irregular forms, written out: every person the news uses.
const SPEECH_IRREGULAR: &[&str] = &[
    "نفى",
    "نفت",
    "نفوا",
    "رأى",
    "رأت",
    "رأوا",
    "ادعى",
    "ادعت",
    "روى",
    "روت",
    "أفتى",
    "أدلى",
    "أدلت",
    "اشتكى",
    "اشتكت",
    "بينت",
    "وبينت",
    "أبان",
    "أبانت",
    "كتبت",
    "وكتب",
    "غردت",
];
const SPEECH_PRESENT: &[&str] = &[
    "يقول",
    "تقول",
    "يقولون",
    "يضيف",
    "تضيف",
    "يؤكد",
    "تؤكد",
    "يؤكدون",
    "يوضح",
    "توضح",
    "يشير",
    "تشير",
    "يعتبر",
    "تعتبر",
    "يرى",
    "ترى",
    "يرون",
    "يكشف",
    "تكشف",
    "يشدد",
    "تشدد",
    "يلفت",
    "تلفت",
    "ينفي",
    "تنفي",
    "يعلن",
    "تعلن",
    "يتابع",
    "تتابع",
    "يؤكدان",
    "يعترف",
    "تعترف",
    "يحذر",
    "تحذر",
    "يفيد",
    "تفيد",
    "يبين",
    "يقر",
    "تقر",
    "يروي",
    "تروي",
];
const CALL_FORMS: &[&str] = &[
    "دعا",
    "دعت",
    "دعوا",
    "يدعو",
    "تدعو",
    "طالب",
    "طالبت",
    "طالبوا",
];
const TRANSMIT_FORMS: &[&str] = &["نقل", "نقلت", "نقلوا", "ينقل", "تنقل", "نقلا"];
const PARTICIPLES: &[&str] = &[
    "قائلا",
    "قائلة",
    "مضيفا",
    "مؤكدا",
    "مؤكدة",
    "موضحا",
    "موضحة",
    "مفسرا",
    "مفسرة",
    "شارحا",
    "شارحة",
    "مشيرا",
    "مشيرة",
    "معتبرا",
    "معتبرة",
    "مشددا",
    "مشددة",
    "لافتا",
    "لافتة",
    "مبينا",
    "مبينة",
    "متابعا",
    "مستطردا",
    "مستدركا",
    "معلقا",
    "منبها",
    "محذرا",
    "محذرة",
    "داعيا",
    "داعية",
    "داعين",
    "ملاحظا",
    "مبرزا",
    "كاشفا",
    "كاشفة",
    "معلنا",
    "معلنة",
    "نافيا",
    "نافية",
    "مردفا",
    "مصرحا",
    "مؤكدين",
    "مشيرين",
    "معتبرين",
    "مطالبا",
    "مطالبة",
    "مذكرا",
    "منوها",
    "منوهة",
    "معترفا",
    "مقرا",
    "متسائلا",
    "مستنكرا",
    "مفيدا",
    "مفيدة",
    "موضحين",
    "متوقعا",
    "متوقعة",
    "مرجحا",
    "مرجحة",
    "مستغربا",
    "مشيدا",
    "منتقدا",
    "منددا",
    "مطمئنا",
    "مرجعا",
    "مضيفة",
    "مضيفين",
    "ملوحا",
    // Feminine forms (not those that are also nouns: مذكرة, مقرة, ملاحظة).
    "مبرزة",
    "مصرحة",
    "معترفة",
    "مستنكرة",
    "متسائلة",
    "مستغربة",
    "مشيدة",
    "منتقدة",
    "منددة",
    "مردفة",
    "مطمئنة",
    "مؤكدتا",
    "مستدركة",
    "مستطردة",
];
/// Feminine participles of speech that are also common nouns (مذكرة "memorandum", ملاحظة
/// "remark", متابعة "follow-up", معلقة "hanging"): see [`PARTICIPLE_IF_COMP`].
const PARTICIPLES_IF_COMP: &[&str] = &["مذكرة", "ملاحظة", "مقرة", "متابعة", "معلقة", "منبهة"];
const COMPS: &[&str] = &[
    "إن",
    "أن",
    "إنه",
    "أنه",
    "إنها",
    "أنها",
    "إنهم",
    "أنهم",
    "إنهما",
    "أنهما",
    "إنني",
    "أنني",
    "إننا",
    "أننا",
    "إنهن",
    "أنهن",
    "بأن",
    "بأنه",
    "بأنها",
    "بأنهم",
    "بأنهما",
    "بأننا",
    "فإن",
    "فإنه",
    "فإنها",
    "فإنهم",
    "أنّ",
    "إنّ",
    "إنك",
    "أنك",
];
const ATTRIBS: &[&str] = &[
    "حسب",
    "بحسب",
    "وحسب",
    "وبحسب",
    "حسبما",
    "بحسبما",
    "وحسبما",
    "وفق",
    "ووفق",
    "وفقا",
    "ووفقا",
    "وفقما",
    "طبقا",
    "وطبقا",
    "نقلا",
    "ونقلا",
];
const ATTRIB_VERBS: &[&str] = &[
    "قال",
    "قالت",
    "أفاد",
    "أفادت",
    "ذكر",
    "ذكرت",
    "صرح",
    "صرحت",
    "أكد",
    "أكدت",
    "نقل",
    "نقلت",
    "جاء",
    "أورد",
    "أوردت",
    "نشر",
    "نشرت",
    "أعلن",
    "أعلنت",
    "أوضح",
    "أوضحت",
    "كشف",
    "كشفت",
    "أشار",
    "أشارت",
    "بين",
    "بينت",
    "يقول",
    "تقول",
    "أفاد",
    "يفيد",
    "تفيد",
];
const SAID_NOUNS: &[&str] = &[
    "قوله",
    "قولها",
    "قولهم",
    "تعبيره",
    "تعبيرها",
    "تعبيرهم",
    "تصريحه",
    "تصريحها",
    "تصريحاته",
    "تأكيده",
    "تأكيدها",
    "وصفه",
    "وصفها",
    "رأيه",
    "رأيها",
    "زعمه",
    "قولهما",
];
const STOPS: &[&str] = &[
    "في",
    "وفي",
    "ففي",
    "خلال",
    "أثناء",
    "لدى",
    // (وقد اعترف هذا العنصر عند التحقيق معه بأنه: «upon», not the speaker's.)
    "عند",
    "عبر",
    "ضمن",
    "أمام",
    "إثر",
    "اثر",
    "عقب",
    "بعد",
    "قبل",
    "على",
    "حول",
    "بشأن",
    "وسط",
    "حين",
    "عندما",
    "بينما",
    "فيما",
    "منذ",
    "إلى",
    "الذي",
    "التي",
    "الذين",
    "الذى",
    "ثم",
    "وذلك",
    "حيث",
    "إذ",
    "وإذ",
    "لكن",
    "ولكن",
    "بخصوص",
    "بمناسبة",
    "وبمناسبة",
    "مع",
    "ومع",
    "لما",
    "للصحفيين",
    "للصحافيين",
    "للصحافة",
    "للإذاعة",
    "للتلفزيون",
    "لوسائل",
    "بدوره",
    "بدورها",
    "لها",
    "له",
    "لهم",
    "لنا",
    "ردا",
    "تعليقا",
    "تعقيبا",
    "لـ",
    "ل",
    "وعن",
    "وحول",
    "وبشأن",
    "وبخصوص",
    "وفيما",
    "وعلى",
    "وخلال",
    "وأثناء",
    "وإثر",
    "وعقب",
    "وبعد",
    "وقبل",
    // A verb in the first person opens the words said (وتابع أعتقد أن …), never their
    // speaker.
    "أعتقد",
    "أظن",
    "أرى",
    "أتوقع",
    "أتمنى",
    "أشعر",
    "من",
    "قبيل",
    "بعيد",
    "ومن",
    "مخاطبا",
    "مخاطبة",
    "وهو",
    "وهي",
    "هو",
    "هي",
    "وهم",
    "مازحا",
    "مازحة",
    "ضاحكا",
    "ضاحكة",
    "متأثرا",
    "متأثرة",
    "باكيا",
];
const TIMES: &[&str] = &[
    "اليوم",
    "أمس",
    "غدا",
    "يوم",
    "مساء",
    "صباح",
    "صباحا",
    "مساءا",
    "ليلة",
    "الليلة",
    "ظهر",
    "ظهر",
    "السبت",
    "الأحد",
    "الاثنين",
    "الإثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "أول",
    "مؤخرا",
    "سابقا",
    "لاحقا",
    "الماضي",
    "الماضية",
    "المقبل",
    "الحالي",
    "الجاري",
    "جانفي",
    "فيفري",
    "مارس",
    "أفريل",
    "ماي",
    "جوان",
    "جويلية",
    "أوت",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
    "يناير",
    "فبراير",
    "أبريل",
    "إبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "اليومين",
    "أمسية",
    "فجر",
    // Then, at the time (قالت حينها إنها …): when, never who.
    "حينها",
    "حينذاك",
    "آنذاك",
    "وقتها",
    "يومها",
    "الأسبوع",
    "الشهر",
    // The Levantine month names, as SaudiNewsNet writes them beside the others (في مايو
    // (أيار)). نيسان and آب are left out: a carmaker and a father.
    "كانون",
    "شباط",
    "آذار",
    "أيار",
    "حزيران",
    "تموز",
    "أيلول",
    "تشرين",
];
const ADVS: &[&str] = &[
    "أيضا",
    "كذلك",
    "قد",
    "وقد",
    "كما",
    "وكما",
    "ثم",
    "بدوره",
    "بدورها",
    "بدورهم",
    "جهته",
    "جهتها",
    "جانبه",
    "جانبها",
    "جهتهم",
    "جانبهم",
    "فقد",
    "لقد",
    "ولقد",
    "بالمناسبة",
    "هنا",
    "مجددا",
    "مرة",
    "أخرى",
    "صراحة",
    "بوضوح",
    "مؤخرا",
    "رسميا",
    "سابقا",
    "بشدة",
    "بقوة",
    "مرارا",
    "خاصة",
    "و",
    "ف",
];
const TITLES: &[&str] = &[
    // Honorifics before a title or a name (معالي وزير العدل, سمو الأمير فيصل).
    "معالي",
    "سمو",
    "فضيلة",
    "سماحة",
    "وزير",
    "وزيرة",
    "رئيس",
    "رئيسة",
    "نائب",
    "نائبة",
    "عضو",
    "عضوة",
    "مدير",
    "مديرة",
    "متحدث",
    "متحدثة",
    "ناطق",
    "ناطقة",
    "أمين",
    "أمينة",
    "سفير",
    "سفيرة",
    "مستشار",
    "مستشارة",
    "قائد",
    "زعيم",
    "زعيمة",
    "ملك",
    "أمير",
    // عاهل (a monarch: العاهل الأردني), خادم (خادم الحرمين الشريفين, the Saudi king's title),
    // ناقد (a critic, as كاتب).
    "عاهل",
    "العاهل",
    "خادم",
    "ناقد",
    "الناقد",
    "شيخ",
    "دكتور",
    "دكتورة",
    "جنرال",
    "لواء",
    "عقيد",
    "عميد",
    "مبعوث",
    "مبعوثة",
    "مندوب",
    "مندوبة",
    "محافظ",
    "والي",
    "والية",
    "معتمد",
    "محامي",
    "محامية",
    "خبير",
    "خبيرة",
    "كاتب",
    "كاتبة",
    "مخرج",
    "مخرجة",
    "ممثل",
    "ممثلة",
    "فنان",
    "فنانة",
    "مدرب",
    "لاعب",
    "لاعبة",
    "إعلامي",
    "إعلامية",
    "ناشط",
    "ناشطة",
    "باحث",
    "باحثة",
    "قيادي",
    "قيادية",
    "أستاذ",
    "أستاذة",
    "سيد",
    "سيدة",
    "مراسل",
    "مراسلة",
    "متفقد",
    "متفقدة",
    "منسق",
    "منسقة",
    "مفتي",
    "إمام",
    "قاضي",
    "قاضية",
    "نقيب",
    "عمدة",
    "كاتب",
    "رئيسة",
    "مؤسس",
    "مؤسسة",
    "صاحب",
    "صاحبة",
    "وكيل",
    "مساعد",
    "مساعدة",
    "كبير",
    "مستشار",
    "محلل",
    "محللة",
    "أخصائي",
    "طبيب",
    "طبيبة",
    "النائب",
    "مطرب",
    "مطربة",
    "مغني",
    "مغنية",
    "نجم",
    "نجمة",
    "بطل",
    "بطلة",
    "حارس",
    "هداف",
    "المهاجم",
    "مهاجم",
    "الداعية",
    "داعية",
    "المطرب",
    "بابا",
    "البابا",
    "مدعي",
    "المدعي",
    "مدعية",
    "المدعية",
    "المحقق",
    "محقق",
    "محققة",
    "مقرر",
    "مقررة",
    "ضابط",
    "المقدم",
    "مقدم",
    "الفريق",
    "العميد",
    "المشير",
    "الأمير",
    "الملك",
    "الشيخ",
    "الرئيس",
    "الوزير",
    "الأستاذ",
    "ولي",
    "الرائد",
    "الخبير",
    "الكاتب",
    "الباحث",
    "الناشط",
    // (A trade unionist, a rights activist: النقابي طاهر ذاكر … ودعا النقابي. Not their
    // feminine forms, adjectives of bodies as often: المنظمة الحقوقية.)
    "نقابي",
    "حقوقي",
    "الممثل",
    "المخرج",
    "المدرب",
    "اللاعب",
    "د",
    "م",
    "ضيف",
    "ضيفة",
];
const DESCS: &[&str] = &[
    "مصدر",
    "دبلوماسي",
    "دبلوماسيون",
    "دبلوماسيين",
    "مصادر",
    "مسؤول",
    "مسؤولة",
    "مسؤولون",
    "مسؤولين",
    "شهود",
    "شاهد",
    "شاهدة",
    "سكان",
    "ناشطون",
    "ناشطين",
    "معارضون",
    "خبراء",
    "محللون",
    "مراقبون",
    "متابعون",
    "مواطنون",
    "مصدرا",
    "مسؤولا",
    "أطباء",
    "مسعفون",
    "نشطاء",
    "محتجون",
    "المحتجون",
    "تقارير",
    "تقرير",
    "بيان",
    "البيان",
    "دراسة",
    "الدراسة",
    "التقرير",
    "عدد",
    "وسائل",
    "متحدث",
    "الناطق",
    "المتحدث",
    // The outlet's correspondent, who reports (وبحسب مراسلنا فقد …).
    "مراسل",
    "مراسلة",
    "مراسلنا",
    "أحد",
    "احد",
    "إحدى",
];
const ORG_WORDS: &[&str] = &[
    "وكالة",
    "صحيفة",
    "موقع",
    "قناة",
    "شبكة",
    "مجلة",
    "إذاعة",
    "تلفزيون",
    "راديو",
    "جريدة",
    "يومية",
    "أسبوعية",
    "التلفزيون",
    "محطة",
];
const CONSTRUCTS: &[&str] = &[
    "حركة",
    "حزب",
    "وزارة",
    "هيئة",
    "جمعية",
    "جامعة",
    "مجلس",
    "لجنة",
    "منظمة",
    "شركة",
    "ولاية",
    "معتمدية",
    "بلدية",
    "جهة",
    "مدينة",
    "دائرة",
    "إدارة",
    "مصلحة",
    "نقابة",
    "اتحاد",
    "مكتب",
    "مركز",
    "مؤسسة",
    "قسم",
    "فرع",
    "رابطة",
    "كتلة",
    "مستشفى",
    "باسم",
    "عن",
    "جبهة",
    "تنظيم",
    "مجموعة",
    "فريق",
    "نادي",
    "محكمة",
    "بنك",
    "صندوق",
    "دار",
    "مجمع",
    "حكومة",
    "دولة",
    "حي",
    "كلية",
    "معهد",
    "مدرسة",
    "برنامج",
    "جيش",
    "قوات",
    "شرطة",
    "أمانة",
    "رئاسة",
    "كتائب",
    "غرفة",
    "ديوان",
    "سلطة",
    "الهيئة",
    "منتخب",
    "ائتلاف",
    "تيار",
    "مفوضية",
    "فرقة",
    "خلية",
    "وحدة",
    "مديرية",
    "المندوبية",
    "مندوبية",
    "قطاع",
    "ميناء",
    "مطار",
    "بعثة",
    "سفارة",
    "قنصلية",
    "إقليم",
    "منطقة",
    "محافظة",
    "بلدة",
    "قرية",
    "مخيم",
    "بلاد",
    "الولايات",
    "شؤون",
    "أركان",
];
const NAME_INTROS: &[&str] = &[
    "تنظيم",
    "برنامج",
    "فيلم",
    "كتاب",
    "مسلسل",
    "شعار",
    "عنوان",
    "بعنوان",
    "وسم",
    "هاشتاغ",
    "هاشتاج",
    "عملية",
    "مبادرة",
    "حملة",
    "قناة",
    "موقع",
    "إذاعة",
    "مجلة",
    "جمعية",
    "حزب",
    "حركة",
    "اسم",
    "المسمى",
    "المسماة",
    "يسمى",
    "تسمى",
    "وكالة",
    "شركة",
    "صحيفة",
    "جريدة",
    "أغنية",
    "رواية",
    "مسرحية",
    "ألبوم",
    "مهرجان",
    "مشروع",
    "قانون",
    "ائتلاف",
    "جبهة",
    "تيار",
    "مجموعة",
    "منظمة",
    "جماعة",
    "كتائب",
    "لواء",
    "ما",
    "بـ",
    "ب",
    "ل",
    "لـ",
    "مصطلح",
    "كلمة",
    "عبارة",
    "لقب",
    "الملقب",
    "الملقبة",
    "ب",
    "مؤسسة",
    "مجمع",
    "نادي",
    "فريق",
    "مسابقة",
    "جائزة",
    "دورة",
    "مؤتمر",
    "منتدى",
    "ملتقى",
    "ندوة",
    "تطبيق",
    "لعبة",
    "سلسلة",
    "صفحة",
    "حساب",
    "مجلس",
    "هيئة",
    "دار",
    "فرقة",
    "قضية",
    "ملف",
    "نظام",
    "خطة",
    "صفقة",
    "اتفاق",
    "اتفاقية",
];
const LISTENERS: &[&str] = &[
    "مراسل",
    "مراسلة",
    "موفد",
    "موفدة",
    "رويترز",
    "وكالة",
    "صحيفة",
    "قناة",
    "موقع",
    "مجلة",
    "إذاعة",
    "التلفزيون",
    "تلفزيون",
    "الأناضول",
    "فرانس",
    "بي",
    "سي",
    "سكاي",
    "الجزيرة",
    "العربية",
    "الشرق",
    "الصحفيين",
    "الصحافيين",
    "الجوهرة",
    "جوهرة",
    "نا",
    "ـ",
    "أسوشيتد",
    "وسائل",
    "محطة",
    "شبكة",
    "برنامج",
    "سبوتنيك",
    "وات",
    "موزاييك",
    "شمس",
    "بوابة",
    "صحفيين",
    "صحافيين",
    "مراسلي",
    "مراسلنا",
    "موفدنا",
    "مراسلتنا",
    "الصباح",
    "المصدر",
    "سبق",
    "عكاظ",
];
const BLOCKERS: &[&str] = &[
    "بعد",
    "قبل",
    "يمكن",
    "يجب",
    "ينبغي",
    "المقرر",
    "المنتظر",
    "المتوقع",
    "المفترض",
    // من المفروض أن, من الضروري أن …: what should be, not what someone said.
    "المفروض",
    "الضروري",
    "الممكن",
    "المحتمل",
    "المرجح",
    "الطبيعي",
    "بد",
    "بدون",
    "دون",
    "حتى",
    "أجل",
    "منذ",
    "لو",
    "إلا",
    "شأن",
    "بشأن",
    "مجرد",
    "عسى",
    "ممكن",
    "يستطيع",
    "تستطيع",
    "أراد",
    "يريد",
    "تريد",
    "قرر",
    "قررت",
    "على",
    "يحاول",
    "تحاول",
    "غير",
    "رغم",
    "بالرغم",
    // باعتبار أن: "given that", a reason, not what anyone said.
    "باعتبار",
    "برغم",
    "وإلا",
    "والا",
];
const OTHER_VERBS: &[&str] = &[
    "كان",
    "كانت",
    "ليس",
    "ليست",
    "أصبح",
    "يكون",
    "تكون",
    "سيكون",
    "ستكون",
    "التقى",
    "زار",
    "استقبل",
    "وصل",
    "توجه",
    "بعث",
    "وجه",
    "سأل",
    "سئل",
    "تحدث",
    "تطرق",
    "عاد",
    "حضر",
];

const NOT_SPEAKERS: &[&str] = &[
    "الدراسة",
    "دراسة",
    "البحث",
    "بحث",
    "التقرير",
    "تقرير",
    "تقارير",
    "التقارير",
    "النتائج",
    "الإحصائيات",
    "إحصائيات",
    "الأرقام",
    "أرقام",
    "الصور",
    "الفيديو",
    "المعطيات",
    "البيانات",
    "الأبحاث",
    "الدراسات",
    "المؤشرات",
    "الوثيقة",
    "الوثائق",
    "الله",
    "تعالى",
    "الآية",
    "الإحصاءات",
    "الأبحاث",
    "أبحاث",
    "دراسات",
    "الاستطلاع",
    "استطلاع",
    "المعلومات",
    "معلومات",
    "التقديرات",
    "تقديرات",
    "الأرقام",
    "الإحصائيات",
    "المنشور",
    "منشور",
    "المرسوم",
    "القانون",
    "الفصل",
    "النص",
    "الحكم",
    "الفيديو",
    "الشريط",
    "التحريات",
    "تحريات",
    "التحقيقات",
    "تحقيقات",
];

const RELS: &[&str] = &[
    "الذي",
    "التي",
    "الذين",
    "اللذين",
    "اللتين",
    "اللاتي",
    "اللواتي",
    "اللائي",
    "مما",
    "ممن",
    "ما",
    "اللذين",
    "اللذان",
];
const DESCRIBES: &[&str] = &[
    "وصف",
    "وصفت",
    "وصفوا",
    "واصفا",
    "واصفة",
    "واصفين",
    "وصفه",
    "وصفها",
    "وصفهم",
    "وصفوه",
    "وصفوها",
    "يصف",
    "تصف",
];
/// Documents and utterances a statement comes in (وجاء في البيان, ورد في بلاغ للوزارة):
/// only what has words of its own, not an occasion (في إطار, في سياق, في جلسة).
const DOCUMENTS: &[&str] = &[
    "بيان",
    "بلاغ",
    "تقرير",
    "رسالة",
    "نص",
    "تغريدة",
    "تدوينة",
    "منشور",
    "مذكرة",
    "وثيقة",
    "كلمة",
    "خطاب",
    "برقية",
    "تصريح",
    "تصريحات",
    "مراسلة",
    "إعلان",
];
const EVENTS: &[&str] = &[
    "تصريح",
    "تصريحات",
    "بيان",
    "حديث",
    "كلمة",
    "مؤتمر",
    "ندوة",
    "لقاء",
    "حوار",
    "اتصال",
    "مقابلة",
    "رسالة",
    "تغريدة",
    "منشور",
    "تدوينة",
    "جلسة",
    "اجتماع",
    "خطاب",
    "معرض",
    "ختام",
    "افتتاح",
    "رده",
    "ردها",
    "برنامج",
    "حصة",
    "تقرير",
    "سياق",
    "إطار",
    "تعليق",
    "تعليقه",
    "معرض",
    "حفل",
    "موكب",
    "زيارة",
    "ذات",
    "نفس",
    "الوقت",
    "وقت",
    "أثناء",
    "صفحته",
    "صفحتها",
    "حسابه",
    "حسابها",
    "ورقة",
    "مداخلة",
    "إجابة",
    "جواب",
    "كتاب",
    "مراسلة",
    "منتدى",
    "ملتقى",
    "إفادة",
    "شهادة",
    "تدخل",
    "حواره",
    "حوارها",
    "حديثه",
    "حديثها",
    "كلمته",
    "كلمتها",
];

const AL_NAMES: &[&str] = &[
    "الهادي",
    "الحبيب",
    "الباجي",
    "الطيب",
    "المنصف",
    "المنجي",
    "العجمي",
    "الصادق",
    "الناصر",
    "الهاشمي",
    "الأسعد",
    "البشير",
    "الطاهر",
    "المختار",
    "الأزهر",
    "الشاذلي",
    "الفاضل",
    "المهدي",
    "الصحبي",
    "المولدي",
    "العياشي",
    "المكي",
    "الجيلاني",
    "الزبير",
    "الحبيب",
    "الصغير",
    "العربي",
    "الأمين",
    "النوري",
    "الهذيلي",
    "المبروك",
    "الطاهر",
    "الحسين",
    "الرشيد",
    "السيد",
    "الشريف",
    "البحري",
    "الناجي",
    "الفالح",
    "العيد",
    "الخامس",
    "التهامي",
    "الساسي",
    "الزين",
    "المنذر",
    "الحسن",
    "الوليد",
    "العباس",
    "المعز",
    "الصادق",
    "الكيلاني",
    "الحطاب",
    "الهادى",
];

/// Both sets of flags of each listed word: the first set in the low half, the second in the
/// high half (one look-up per word).
static LEXICON: OnceLock<FxHashMap<String, u64>> = OnceLock::new();

fn lexicon() -> &'static FxHashMap<String, u64> {
    LEXICON.get_or_init(|| {
        let mut map: FxHashMap<String, u64> = FxHashMap::default();
        for (w, f) in build() {
            *map.entry(w).or_insert(0) |= u64::from(f);
        }
        for (w, f) in build2() {
            *map.entry(w).or_insert(0) |= u64::from(f) << 32;
        }
        map
    })
}

fn first(x: u64) -> u32 {
    (x & u64::from(u32::MAX)) as u32
}

fn build2() -> FxHashMap<String, u32> {
    let mut map = FxHashMap::default();
    add(&mut map, RELS, REL);
    add(&mut map, OBJECT_NOUNS, OBJECT_NOUN);
    add(&mut map, AL_NAMES, AL_NAME);
    add(
        &mut map,
        &[
            "ذات",
            "نفس",
            "ذاته",
            "نفسه",
            "ذاتها",
            "نفسها",
            "ذاتهم",
            "نفسهم",
            "ذاتيهما",
            // Honorifics standing for the dignitary just named (وقال سموه, وأكد معاليه).
            "سموه",
            "سموها",
            "معاليه",
            "معاليها",
            "فضيلته",
            "سماحته",
            "سعادته",
            "سعادتها",
            "سيادته",
            "سيادتها",
            "فخامته",
            "جلالته",
        ],
        SAME,
    );
    add_conj(&mut map, DESCRIBES, DESCRIBE);
    add(&mut map, &["بين", "وبين"], VERB_IF_COMP);
    // With the article and the clitics before it, and the feminine ending.
    for w in [
        "مسؤول",
        "ممثل",
        "نائب",
        "ناطق",
        "متحدث",
        "مندوب",
        "مدافع",
        "دفاع",
        "صادر",
    ] {
        for p in ["", "ال", "وال", "بال", "لل"] {
            for e in ["", "ة", "ه"] {
                add(&mut map, &[&format!("{p}{w}{e}")], TAKES_AN);
            }
        }
    }
    add_conj(&mut map, PARTICIPLES_IF_COMP, PARTICIPLE_IF_COMP);
    add_conj(&mut map, &["جاء", "ورد"], STATEMENT);
    add_conj(
        &mut map,
        &[
            "عبر",
            "عبرت",
            "عبروا",
            "يعبر",
            "تعبر",
            "أعرب",
            "أعربت",
            "أعربوا",
        ],
        EXPRESS,
    );
    for d in DOCUMENTS {
        add(&mut map, &[d, &format!("ال{d}")], DOCUMENT);
    }
    add_conj(
        &mut map,
        &["داعيا", "داعية", "داعين", "مطالبا", "مطالبة", "مطالبين"],
        CALL_PARTICIPLE,
    );
    for w in [
        "نتائج",
        "دراسة",
        "استطلاع",
        "أرقام",
        "إحصائيات",
        "إحصاءات",
        "مؤشرات",
        "تحاليل",
        "بحث",
    ] {
        add(&mut map, &[w, &format!("ال{w}")], FINDING);
    }
    for e in EVENTS {
        add(&mut map, &[e], EVENT);
        add(&mut map, &[&format!("ال{e}")], EVENT);
    }
    map
}

fn fold(word: &str) -> Option<String> {
    let mut it = khabar_text::tokens(word);
    let t = it.next()?;
    if it.next().is_some() {
        return None;
    }
    Some(t.word)
}

fn add(map: &mut FxHashMap<String, u32>, words: &[&str], flag: u32) {
    for w in words {
        if let Some(f) = fold(w) {
            *map.entry(f).or_insert(0) |= flag;
        }
    }
}

/// Adds `words` with the conjunctions و and ف attached, too.
fn add_conj(map: &mut FxHashMap<String, u32>, words: &[&str], flag: u32) {
    for w in words {
        if let Some(f) = fold(w) {
            for p in ["", "و", "ف"] {
                *map.entry(format!("{p}{f}")).or_insert(0) |= flag;
            }
        }
    }
}

fn build() -> FxHashMap<String, u32> {
    let mut map = FxHashMap::default();
    let mut verbs: Vec<String> = Vec::new();
    for v in SPEECH_PAST {
        verbs.push((*v).to_owned());
        verbs.push(format!("{v}ت"));
        verbs.push(format!("{v}وا"));
    }
    let verbs: Vec<&str> = verbs.iter().map(String::as_str).collect();
    add_conj(&mut map, &verbs, VERB);
    add_conj(&mut map, SPEECH_IRREGULAR, VERB);
    add_conj(&mut map, SPEECH_PRESENT, VERB | PRESENT);
    add_conj(&mut map, CALL_FORMS, CALL);
    add_conj(
        &mut map,
        &["يدعو", "تدعو", "يطالب", "تطالب"],
        CALL | PRESENT,
    );
    add_conj(&mut map, TRANSMIT_FORMS, TRANSMIT);
    add_conj(&mut map, PARTICIPLES, PARTICIPLE);
    add(&mut map, COMPS, COMP);
    add(&mut map, &["إلى", "الى"], ILA);
    add(&mut map, &["على"], ALA);
    add(&mut map, &["عن"], AN);
    add(&mut map, ATTRIBS, ATTRIB);
    add(&mut map, &["ما"], MA);
    add_conj(&mut map, ATTRIB_VERBS, ATTRIB_VERB);
    // حسب ما أكده, وفق ما صرحت به: the verb with its object pronoun.
    let with_pronoun: Vec<String> = ATTRIB_VERBS
        .iter()
        .flat_map(|v| [format!("{v}ه"), format!("{v}ها"), format!("{v}وه")])
        .collect();
    let with_pronoun: Vec<&str> = with_pronoun.iter().map(String::as_str).collect();
    add(&mut map, &with_pronoun, ATTRIB_VERB);
    add(
        &mut map,
        &[
            "به",
            "بها",
            "بهم",
            "عنه",
            "عنها",
            "عنهم",
            "إليه",
            "إليها",
            "منه",
            "منها",
            "منهم",
            "فيه",
            "فيها",
            "فيهم",
            "له",
            "لها",
            "لهم",
        ],
        BIH,
    );
    add(&mut map, &["لسان"], LISAN);
    add(&mut map, SAID_NOUNS, SAID_NOUN);
    add(&mut map, STOPS, STOP);
    add_conj(&mut map, TIMES, TIME);
    add(&mut map, ADVS, ADV);
    // مضيفا قوله أن "…", وختم بقوله: the saying named, then what was said.
    add(
        &mut map,
        &["بالقول", "القول", "قوله", "قولها", "بقوله", "بقولها"],
        BIL_QAWL,
    );
    for t in TITLES {
        let bare = t.strip_prefix("ال").unwrap_or(t);
        add(&mut map, &[bare], TITLE);
        add(&mut map, &[&format!("ال{bare}")], TITLE);
    }
    add(&mut map, DESCS, DESC);
    add(&mut map, ORG_WORDS, ORG_WORD);
    add(&mut map, CONSTRUCTS, CONSTRUCT);
    add(&mut map, NAME_INTROS, NAME_INTRO);
    add(&mut map, LISTENERS, LISTENER);
    add(&mut map, BLOCKERS, BLOCKER);
    add_conj(&mut map, OTHER_VERBS, OTHER_VERB);
    add(&mut map, NOT_SPEAKERS, NOT_SPEAKER);
    map
}

/// The flags of one folded word (as [`khabar_text::tokens`] gives it).
pub fn flags(word: &str) -> u32 {
    flags_both(word).0
}

/// Both sets of flags of one folded word: [`flags`] and the second set (REL, DESCRIBE …).
pub fn flags_both(word: &str) -> (u32, u32) {
    let map = lexicon();
    let both = map.get(word).copied().unwrap_or(0);
    let mut f = first(both);
    // A listed speech word is never also a plain noun here; the derived flags below only add.
    if word.bytes().all(|b| b.is_ascii_digit()) {
        f |= NUM;
    }
    for p in ["ال", "وال", "بال", "لل", "فال", "كال", "ولل"] {
        if word.starts_with(p) && word.len() > p.len() + 2 {
            f |= DEF;
            break;
        }
    }
    if let Some(rest) = word.strip_prefix('ل').or_else(|| word.strip_prefix('ب')) {
        if map
            .get(rest)
            .is_some_and(|&x| first(x) & (CONSTRUCT | TITLE) != 0)
        {
            f |= PREP_CONSTRUCT;
        }
    }
    if let Some(rest) = word.strip_prefix('ل') {
        // لل+noun is ل + ال (للجوهرة); ل+listener (لرويترز, لمراسل).
        let listener = |w: &str| map.get(w).is_some_and(|&x| first(x) & LISTENER != 0);
        if listener(rest) || rest.strip_prefix('ل').is_some_and(listener) {
            f |= ADDR;
        }
    }
    (f, (both >> 32) as u32)
}
