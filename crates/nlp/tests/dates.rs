//! Dates in Arabic news text: every form the issue names, with exact values, and properties
//! that hold for any input.

use khabar_nlp::dates::{find_dates, DateMention, Day};
use proptest::prelude::*;

/// `(text, value)` of every mention.
fn found(text: &str, published: Option<Day>) -> Vec<(String, Option<String>)> {
    find_dates(text, published)
        .into_iter()
        .map(|m| (text[m.start..m.end].to_string(), m.value))
        .collect()
}

fn one(text: &str, published: Option<Day>) -> (String, Option<String>) {
    let all = found(text, published);
    assert_eq!(all.len(), 1, "{text}: {all:?}");
    all.into_iter().next().unwrap()
}

/// A Sunday: the annotation guide's example day.
const SUNDAY: Option<Day> = Some((2018, 7, 15));

/// Checks each `(sentence, mention text, value)` against `published`.
fn table(published: Option<Day>, cases: &[(&str, &str, &str)]) {
    for &(sentence, text, value) in cases {
        let got = one(sentence, published);
        assert_eq!(
            (got.0.as_str(), got.1.as_deref()),
            (text, Some(value)),
            "{sentence}"
        );
    }
}

/// The body of the issue's example page (`../shared/examples/000_8580cefa50f49acb.txt`, Baladi
/// News): Kerry and Lavrov met in Rome on Friday 2 December 2016. The page carries no date; it
/// was published the next day, Saturday 2016-12-03 («أمس الجمعة»).
const EXAMPLE: &str = "دعا وزير الخارجية الأمريكي جون كيري، أمس الجمعة، لمواصلة الجهود للتوصل إلى سلام في سوريا، وذلك أثناء زيارة إلى روما التقى خلالها بنظيره الروسي سيرجي لافروف.
في حين تتعرض أحياء حلب الشرقية، منذ أسبوعين، لقصف عنيف من طائرات النظام وروسيا.
والتقى كيري أيضا بمبعوث الأمم المتحدة الخاص إلى سوريا ستيفان دي ميستورا، وقال إنهما سيلتقيان مجددا الأسبوع المقبل في جنيف، ومن المقرر أن يترك كيري منصبه عندما يتولى الرئيس الأمريكي المنتخب دونالد ترامب السلطة في 20 كانون الثاني/ يناير المقبل.
وتمثل اللقاءات التي جرت يوم الجمعة مقدمة لجهود تهدف لإيجاد إطار يسمح للسكان بمغادرة حلب.
وتحدثت تقارير صحفية أمس عن أن أربعة معارضين يمثلون بعض فصائل بحلب، دخلوا مع موسكو في مفاوضات عبر وسيط تركي، وقالت وكالة رويترز إن \"مسؤولاً كبيراً بالمعارضة السورية\" وجّه الاتهام لروسيا، اليوم الجمعة، بالمماطلة.";

#[test]
fn the_issue_example_page() {
    let got = find_dates(EXAMPLE, Some((2016, 12, 3)));
    let seen: Vec<(&str, Option<&str>, Option<u8>, bool)> = got
        .iter()
        .map(|m| {
            (
                &EXAMPLE[m.start..m.end],
                m.value.as_deref(),
                m.weekday,
                m.relative,
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("أمس الجمعة", Some("2016-12-02"), Some(4), true),
            // The ISO week holding 2016-11-19 (published − 14 days).
            ("منذ أسبوعين", Some("2016-W46"), None, true),
            // The week after the publication week (2016-W48, 28 Nov – 4 Dec).
            ("الأسبوع المقبل", Some("2016-W49"), None, true),
            (
                "20 كانون الثاني/ يناير المقبل",
                Some("2017-01-20"),
                None,
                true
            ),
            ("يوم الجمعة", Some("2016-12-02"), Some(4), true),
            ("أمس", Some("2016-12-02"), None, true),
            // Reuters wrote it on the Friday; the weekday wins over «today».
            ("اليوم الجمعة", Some("2016-12-02"), Some(4), true),
        ]
    );
}

#[test]
fn the_example_page_without_a_publication_date() {
    let got = find_dates(EXAMPLE, None);
    assert_eq!(got.len(), 7);
    assert!(got.iter().all(|m| m.value.is_none() && m.relative));
    let weekdays: Vec<Option<u8>> = got.iter().map(|m| m.weekday).collect();
    assert_eq!(
        weekdays,
        [Some(4), None, None, None, Some(4), None, Some(4)]
    );
}

#[test]
fn the_guide_examples() {
    table(
        SUNDAY,
        &[
            ("وقال الوزير أمس إن المفاوضات مستمرة", "أمس", "2018-07-14"),
            (
                "وكان ذلك الأسبوع الماضي في جنيف",
                "الأسبوع الماضي",
                "2018-W27",
            ),
            (
                "ارتفعت الصادرات العام الماضي بنسبة 5%",
                "العام الماضي",
                "2017",
            ),
            ("اندلعت الاحتجاجات عام 2011 في درعا", "عام 2011", "2011"),
        ],
    );
}

#[test]
fn relative_days() {
    table(
        SUNDAY,
        &[
            ("وصل الرئيس اليوم إلى الرياض", "اليوم", "2018-07-15"),
            // A proclitic before ال stays in the mention.
            ("ووصل واليوم يبدأ زيارته", "واليوم", "2018-07-15"),
            ("سيصل الوفد غدا إلى القاهرة", "غدا", "2018-07-16"),
            ("سيصل الوفد غداً إلى القاهرة", "غداً", "2018-07-16"),
            ("ويعقد الاجتماع يوم غد في عمان", "يوم غد", "2018-07-16"),
            ("ويعقد الاجتماع بعد غد في عمان", "بعد غد", "2018-07-17"),
            ("أعلنت الوزارة أول أمس عن خطة", "أول أمس", "2018-07-13"),
            (
                "أعلنت الوزارة أول من أمس عن خطة",
                "أول من أمس",
                "2018-07-13",
            ),
            ("أعلنت الوزارة أمس الأول عن خطة", "أمس الأول", "2018-07-13"),
            ("وقع الانفجار يوم أمس قرب السوق", "يوم أمس", "2018-07-14"),
            ("وقع الانفجار بالأمس قرب السوق", "بالأمس", "2018-07-14"),
            ("تقام المباراة الليلة في جدة", "الليلة", "2018-07-15"),
            (
                "سقطت قذائف الليلة الماضية على المدينة",
                "الليلة الماضية",
                "2018-07-14",
            ),
        ],
    );
}

#[test]
fn weeks_months_years() {
    table(
        SUNDAY,
        &[
            (
                "تبدأ المحادثات هذا الأسبوع في فيينا",
                "هذا الأسبوع",
                "2018-W28",
            ),
            (
                "تبدأ المحادثات الأسبوع المقبل في فيينا",
                "الأسبوع المقبل",
                "2018-W29",
            ),
            (
                "تبدأ المحادثات الأسبوع القادم في فيينا",
                "الأسبوع القادم",
                "2018-W29",
            ),
            ("وقعت الحادثة الشهر الماضي", "الشهر الماضي", "2018-06"),
            ("تنتهي المهلة نهاية الشهر الجاري", "الشهر الجاري", "2018-07"),
            ("تبدأ الدراسة الشهر المقبل", "الشهر المقبل", "2018-08"),
            ("ونما الاقتصاد خلال هذا الشهر", "هذا الشهر", "2018-07"),
            ("تراجعت الأرباح في السنة الماضية", "السنة الماضية", "2017"),
            ("تراجعت الأرباح في العام الجاري", "العام الجاري", "2018"),
            ("تراجعت الأرباح خلال العام الحالي", "العام الحالي", "2018"),
            ("تجرى الانتخابات العام المقبل", "العام المقبل", "2019"),
            ("تجرى الانتخابات السنة المقبلة", "السنة المقبلة", "2019"),
            ("تجرى الانتخابات العام القادم", "العام القادم", "2019"),
            ("ارتفعت المبيعات هذا العام", "هذا العام", "2018"),
            ("مقارنة بالعام الماضي", "بالعام الماضي", "2017"),
            (
                "نمو بنسبة 3% عن الفترة نفسها للعام الماضي",
                "للعام الماضي",
                "2017",
            ),
        ],
    );
}

#[test]
fn counted_from_publication() {
    table(
        SUNDAY,
        &[
            // The unit gives the granularity: days a day, weeks an ISO week, months a month,
            // years a year.
            (
                "بدأ القصف منذ أسبوعين على الأحياء",
                "منذ أسبوعين",
                "2018-W26",
            ),
            (
                "اعتقل قبل ثلاثة أيام في بيروت",
                "قبل ثلاثة أيام",
                "2018-07-12",
            ),
            ("اعتقل قبل ٣ أيام في بيروت", "قبل ٣ أيام", "2018-07-12"),
            ("اعتقل منذ يومين في بيروت", "منذ يومين", "2018-07-13"),
            ("أفرج عنه منذ عشرة أيام", "منذ عشرة أيام", "2018-07-05"),
            ("تبدأ المرحلة الثانية بعد أسبوع", "بعد أسبوع", "2018-W29"),
            (
                "تبدأ المرحلة الثانية بعد ثلاثة أسابيع",
                "بعد ثلاثة أسابيع",
                "2018-W31",
            ),
            ("زار المدينة قبل 5 سنوات", "قبل 5 سنوات", "2013"),
            ("زار المدينة قبل عامين", "قبل عامين", "2016"),
            ("غادر البلاد منذ شهرين", "منذ شهرين", "2018-05"),
            ("غادر البلاد قبل أربعة أشهر", "قبل أربعة أشهر", "2018-03"),
            ("توفي منذ عام", "منذ عام", "2017"),
            ("تزوج قبل 20 عاما", "قبل 20 عاما", "1998"),
        ],
    );
}

#[test]
fn weekdays_as_dates() {
    // 2018-07-15 is a Sunday.
    table(
        SUNDAY,
        &[
            // A weekday alone: the last one on or before publication.
            ("قتل ثلاثة أشخاص الجمعة في هجوم", "الجمعة", "2018-07-13"),
            ("وصل الوزير يوم الأحد إلى بغداد", "يوم الأحد", "2018-07-15"),
            (
                "وصل الوزير يوم الخميس إلى بغداد",
                "يوم الخميس",
                "2018-07-12",
            ),
            ("وصل الوزير والسبت كان في عمان", "والسبت", "2018-07-14"),
            // ... or on or after it when the clause speaks of the future.
            ("سيلتقي الوزيران الثلاثاء في باريس", "الثلاثاء", "2018-07-17"),
            ("من المقرر أن يصل الخميس", "الخميس", "2018-07-19"),
            (
                "وكانت المحكمة قد أصدرت الجمعة الماضي حكمها",
                "الجمعة الماضي",
                "2018-07-13",
            ),
            (
                "وكانت المحكمة قد أصدرت يوم الأحد الماضي حكمها",
                "يوم الأحد الماضي",
                "2018-07-08",
            ),
            ("تعقد الجلسة الأحد المقبل", "الأحد المقبل", "2018-07-22"),
            (
                "تعقد الجلسة يوم الأربعاء القادم",
                "يوم الأربعاء القادم",
                "2018-07-18",
            ),
            ("جرت الانتخابات الاثنين الماضي", "الاثنين الماضي", "2018-07-09"),
            // Joined to أمس, اليوم, غدا: one mention, the named weekday.
            ("أعلن الجيش أمس السبت مقتل قائد", "أمس السبت", "2018-07-14"),
            (
                "أعلن الجيش اليوم الأحد مقتل قائد",
                "اليوم الأحد",
                "2018-07-15",
            ),
            (
                "أعلن الجيش، اليوم (الأحد)، مقتل قائد",
                "اليوم (الأحد",
                "2018-07-15",
            ),
            (
                "أعلن الجيش أمس (السبت) مقتل قائد",
                "أمس (السبت",
                "2018-07-14",
            ),
            (
                "تبدأ القمة غدا الاثنين في الرياض",
                "غدا الاثنين",
                "2018-07-16",
            ),
            ("التي تصادف يوم غد الاثنين", "يوم غد الاثنين", "2018-07-16"),
            ("حتى يوم بعد غد الثلاثاء", "بعد غد الثلاثاء", "2018-07-17"),
        ],
    );
    let m: DateMention = find_dates("قال أمس السبت", SUNDAY).remove(0);
    assert_eq!((m.weekday, m.relative), (Some(5), true));
}

#[test]
fn gregorian_dates_in_three_month_systems() {
    table(
        SUNDAY,
        &[
            (
                "وقع الاتفاق في 15 يوليو 2015 في فيينا",
                "15 يوليو 2015",
                "2015-07-15",
            ),
            (
                "في 20 كانون الثاني/ يناير 2017",
                "20 كانون الثاني/ يناير 2017",
                "2017-01-20",
            ),
            (
                "في 22 أبريل (نيسان) 2015",
                "22 أبريل (نيسان) 2015",
                "2015-04-22",
            ),
            ("الجمعة 8 فيفري 2019", "الجمعة 8 فيفري 2019", "2019-02-08"),
            ("ليلة 14 جانفي 2011 في تونس", "14 جانفي 2011", "2011-01-14"),
            ("يوم 5 جويلية 2017", "يوم 5 جويلية 2017", "2017-07-05"),
            ("في 1 تشرين الأول 2016", "1 تشرين الأول 2016", "2016-10-01"),
            ("في 9 آب 2014", "9 آب 2014", "2014-08-09"),
            ("حتى 31 دجنبر 2016", "31 دجنبر 2016", "2016-12-31"),
            ("صدر في ٣ مارس ٢٠١٦", "٣ مارس ٢٠١٦", "2016-03-03"),
            ("صدر في ۱۵ يوليو ۲۰۱۵", "۱۵ يوليو ۲۰۱۵", "2015-07-15"),
            (
                "في 15 من يوليو عام 2015",
                "15 من يوليو عام 2015",
                "2015-07-15",
            ),
            ("في 26 يوليو 2015م", "26 يوليو 2015م", "2015-07-26"),
            (
                "في الثالث من يوليو 2015",
                "الثالث من يوليو 2015",
                "2015-07-03",
            ),
            (
                "في الحادي والعشرين من مارس 2016",
                "الحادي والعشرين من مارس 2016",
                "2016-03-21",
            ),
        ],
    );
}

#[test]
fn numeric_dates() {
    table(
        SUNDAY,
        &[
            ("بتاريخ 15/07/2015 صدر القرار", "15/07/2015", "2015-07-15"),
            ("بتاريخ 2015-07-15 صدر القرار", "2015-07-15", "2015-07-15"),
            ("بتاريخ 15-7-2015 صدر القرار", "15-7-2015", "2015-07-15"),
            ("بتاريخ ١٥/٧/٢٠١٥ صدر القرار", "١٥/٧/٢٠١٥", "2015-07-15"),
            (
                "بتاريخ 1 / 10 / 2015 صدر القرار",
                "1 / 10 / 2015",
                "2015-10-01",
            ),
        ],
    );
    // A longer chain of numbers is no date; neither is a score.
    assert!(found("الرقم 12/05/2015/7 في السجل", SUNDAY).is_empty());
    assert!(found("فاز الفريق 2-1 على ضيفه", SUNDAY).is_empty());
    // A day that does not exist.
    assert!(found("بتاريخ 31/06/2015", SUNDAY).is_empty());
}

#[test]
fn hijri_dates_by_the_tabular_calendar() {
    table(
        SUNDAY,
        &[
            ("يوم 15 رمضان 1436 هـ", "يوم 15 رمضان 1436 هـ", "2015-07-02"),
            ("في 15 رمضان 1436هـ", "15 رمضان 1436هـ", "2015-07-02"),
            (
                "في 10 ذو الحجة 1436 هـ",
                "10 ذو الحجة 1436 هـ",
                "2015-09-24",
            ),
            ("في 10 ذي الحجة 1436هـ", "10 ذي الحجة 1436هـ", "2015-09-24"),
            (
                "في 12 ربيع الأول 1437 هـ",
                "12 ربيع الأول 1437 هـ",
                "2015-12-24",
            ),
            ("بتاريخ 1436/9/15هـ", "1436/9/15هـ", "2015-07-02"),
            ("بتاريخ 15/9/1436هـ", "15/9/1436هـ", "2015-07-02"),
            // A Hijri month and year: the Gregorian month of its first day.
            ("خلال رمضان 1436", "رمضان 1436", "2015-06"),
            (
                "خلال شهر رمضان المبارك للعام الحالي 1436هـ",
                "شهر رمضان المبارك للعام الحالي 1436هـ",
                "2015-06",
            ),
            // A Hijri year alone: the Gregorian year of its middle.
            ("تأسس عام 1436 هـ", "عام 1436 هـ", "2015"),
        ],
    );
    // The text's own calendar (Umm al-Qura) wins when it gives the Gregorian equal or the
    // weekday: tabular 9 Shawwal 1436 is 2015-07-26, the paper says Saturday 25 July.
    let text = "حتى يوم السبت 9 شوال 1436هـ الموافق 25 يوليو 2015م";
    assert_eq!(
        found(text, SUNDAY),
        [
            (
                "يوم السبت 9 شوال 1436هـ".to_string(),
                Some("2015-07-25".to_string())
            ),
            ("25 يوليو 2015م".to_string(), Some("2015-07-25".to_string())),
        ]
    );
    // «الجمعة 4/8/1436»: tabular gives Saturday 23 May 2015; the Friday is the 22nd.
    assert_eq!(
        one("أقيمت يوم الجمعة 4/8/1436", SUNDAY).1.as_deref(),
        Some("2015-05-22")
    );
}

#[test]
fn months_and_years() {
    table(
        SUNDAY,
        &[
            ("أطلق في يوليو 2015 بنجاح", "يوليو 2015", "2015-07"),
            (
                "منذ كانون الثاني/ يناير 2017",
                "كانون الثاني/ يناير 2017",
                "2017-01",
            ),
            ("في مطلع آذار/مارس أقر البنك", "آذار/مارس", "2018-03"),
            ("في مارس أقر البنك", "مارس", "2018-03"),
            // «الماضي» is the last such month before the publication month.
            (
                "خلال شهر يونيو (حزيران) الماضي",
                "شهر يونيو (حزيران) الماضي",
                "2018-06",
            ),
            (
                "خلال شهر يوليو (تموز) الماضي",
                "شهر يوليو (تموز) الماضي",
                "2017-07",
            ),
            ("اندلعت الحرب عام 2011", "عام 2011", "2011"),
            ("اندلعت الحرب سنة 2015", "سنة 2015", "2015"),
            ("اندلعت الحرب في 2014 في الشرق", "2014", "2014"),
            ("اندلعت الحرب 2015م في الشرق", "2015م", "2015"),
            ("توجه إلى بنسلفانيا في عام 1859", "عام 1859", "1859"),
            ("أطلق لصيف 2015 مهرجانا", "2015", "2015"),
        ],
    );
    for text in [
        "خلال الفترة الانتقالية (2005 - 2011)، وخاض",
        "عمادة الكلية في الفترة من 2005 إلى 2011، ثم",
        "من 2005 حتى 2011",
        "بين 2005 و2011 في",
    ] {
        let got = found(text, SUNDAY);
        let values: Vec<_> = got.iter().map(|m| m.1.as_deref()).collect();
        assert_eq!(values, [Some("2005"), Some("2011")], "{text}: {got:?}");
    }
    assert_eq!(
        one("وولدت في الـ 18 من نوفمبر عام 1896 في", SUNDAY)
            .1
            .as_deref(),
        Some("1896-11-18")
    );
    assert_eq!(
        one("ولد في الـ16 من ديسمبر (كانون الأول) 1965 في", SUNDAY),
        (
            "الـ16 من ديسمبر (كانون الأول) 1965".to_string(),
            Some("1965-12-16".to_string())
        )
    );
    assert_eq!(
        found("نما الناتج عامي 2014 و2015", SUNDAY),
        [
            ("عامي 2014".to_string(), Some("2014".to_string())),
            ("2015".to_string(), Some("2015".to_string())),
        ]
    );
}

#[test]
fn days_and_months_without_a_year() {
    // Published Saturday 2016-12-03.
    let published = Some((2016, 12, 3));
    table(
        published,
        &[
            (
                "يتولى السلطة في 20 يناير المقبل",
                "20 يناير المقبل",
                "2017-01-20",
            ),
            (
                "يتولى السلطة في 20 كانون الثاني/ يناير المقبل",
                "20 كانون الثاني/ يناير المقبل",
                "2017-01-20",
            ),
            // The nearest 20 January is the coming one.
            ("يتولى السلطة في 20 يناير", "20 يناير", "2017-01-20"),
            (
                "جرت الانتخابات في 8 نوفمبر الماضي",
                "8 نوفمبر الماضي",
                "2016-11-08",
            ),
            ("جرت الانتخابات في 8 نوفمبر", "8 نوفمبر", "2016-11-08"),
            (
                "تنتهي المهلة في 15 ديسمبر الجاري",
                "15 ديسمبر الجاري",
                "2016-12-15",
            ),
            ("وقع الهجوم في يناير الماضي", "يناير الماضي", "2016-01"),
            ("تنطلق في يوليو المقبل", "يوليو المقبل", "2017-07"),
            (
                "تنتهي في 12 من الشهر الحالي",
                "12 من الشهر الحالي",
                "2016-12-12",
            ),
            (
                "في 5 يوليو من العام الماضي",
                "5 يوليو من العام الماضي",
                "2015-07-05",
            ),
        ],
    );
    // A range: the first day takes the month of the second.
    assert_eq!(
        found("خلال الفترة من 2 إلى 6 أكتوبر المقبل", published),
        [
            ("2".to_string(), Some("2017-10-02".to_string())),
            (
                "6 أكتوبر المقبل".to_string(),
                Some("2017-10-06".to_string())
            ),
        ]
    );
    let got = find_dates(
        "انتخابات اعتبارا من يوم الأحد 13 أو 20 سبتمبر",
        Some((2015, 8, 11)),
    );
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].value.as_deref(), Some("2015-09-13"));
    assert_eq!(got[0].weekday, Some(6));
    assert_eq!(got[1].value.as_deref(), Some("2015-09-20"));
    assert_eq!(
        found("يومي 25 و26 ديسمبر", published),
        [
            ("25".to_string(), Some("2016-12-25".to_string())),
            ("26 ديسمبر".to_string(), Some("2016-12-26".to_string())),
        ]
    );
}

#[test]
fn not_dates() {
    for text in [
        "سجن لمدة ثلاث سنوات",
        "يكتمل المشروع خلال عامين",
        "بدأ الاجتماع الساعة العاشرة صباحا",
        "قتل 2015 شخصا",
        "البالغ من العمر 20 عاما",
        "احتفلت المملكة باليوم الوطني",
        "احتفلت المملكة اليوم الوطني",
        "بعد أدائه صلاة الجمعة في المسجد",
        "عاد بعد يومين من الهجوم",
        "يعيش هنا منذ سنوات",
        "وفي اليوم التالي غادر",
        "وفي اليوم ذاته انتقل",
        "وقال لـ«اليوم» إن المشروع",
        "عين اليوم – برلين",
        "وذكرت صحيفة اليوم أن",
        "يعاين 50 مريضاً في اليوم، في حين",
        "يزداد يوما بعد يوم",
        "من نجوم الأمس",
        "يعرض من الأحد إلى الخميس",
        "مارس الرياضة منذ صغره",
        "فاز 3 صفر",
        "ينقسم إلى 3 أقسام و15 فرعا",
        "القمح المستورد لهذا الموسم 1436 / 1437هـ بكمية",
        "وأوضح مدير الجمعية إبراهيم بن سليمان الخميس أن الدورة",
        "بعون الله الواحد الأحد ثم بجهود",
        "للعام الدراسي 1436-1437 هـ",
    ] {
        assert_eq!(found(text, SUNDAY), [], "{text}");
    }
}

#[test]
fn proclitics_stay_out_of_the_mention() {
    // و before أمس is left out; before ال it stays (the article is part of the word).
    assert_eq!(one("وأمس قال الوزير", SUNDAY).0, "أمس");
    assert_eq!(one("والأسبوع الماضي قال الوزير", SUNDAY).0, "والأسبوع الماضي");
    assert_eq!(one("وفي 2014 قال الوزير", SUNDAY).0, "2014");
}

#[test]
fn no_publication_date() {
    let m = find_dates("قال الوزير أمس الجمعة", None);
    assert_eq!(m.len(), 1);
    assert_eq!(
        (m[0].value.as_deref(), m[0].weekday, m[0].relative),
        (None, Some(4), true)
    );
    // Absolute dates keep their value.
    let m = find_dates("في 15 يوليو 2015 وأمس", None);
    assert_eq!(m[0].value.as_deref(), Some("2015-07-15"));
    assert!(!m[0].relative);
    assert_eq!((m[1].value.as_deref(), m[1].relative), (None, true));
    // An impossible publication day counts as unknown.
    assert_eq!(find_dates("أمس", Some((2015, 2, 30)))[0].value, None);
}

#[test]
fn iso_weeks_across_a_year_end() {
    // Published Monday 2019-01-07: the week before is 2019-W01, two weeks before 2018-W52.
    let p = Some((2019, 1, 7));
    assert_eq!(one("الأسبوع الماضي", p).1.as_deref(), Some("2019-W01"));
    assert_eq!(one("منذ أسبوعين", p).1.as_deref(), Some("2018-W52"));
    // Friday 2016-01-01 is in 2015-W53.
    assert_eq!(
        one("هذا الأسبوع", Some((2016, 1, 1))).1.as_deref(),
        Some("2015-W53")
    );
}

#[test]
fn a_megabyte_of_dates_and_of_junk() {
    let dates = "أمس الجمعة. 15 يوليو 2015 الأسبوع الماضي منذ أسبوعين 1436/9/15هـ ".repeat(15_000);
    assert!(dates.len() > 1_000_000);
    let got = find_dates(&dates, SUNDAY);
    assert_eq!(got.len(), 5 * 15_000);
    let junk = "١٢/٣/ - يوم اليوم الأحد ٢٠١٥ م هـ / ( ) كانون تشرين ".repeat(20_000);
    let _ = find_dates(&junk, SUNDAY);
}

/// Whether `v` is `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or `YYYY-Www`, with a real day, month or week.
fn iso(v: &str) -> bool {
    let b = v.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let num = |r: std::ops::Range<usize>| v[r].parse::<u32>().unwrap_or(0);
    match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7) && (1..=12).contains(&num(5..7)),
        8 => digits(0..4) && &v[4..6] == "-W" && digits(6..8) && (1..=53).contains(&num(6..8)),
        10 => {
            digits(0..4)
                && b[4] == b'-'
                && digits(5..7)
                && b[7] == b'-'
                && digits(8..10)
                && (1..=12).contains(&num(5..7))
                && (1..=khabar_text::days_in_month(num(0..4) as i32, num(5..7)))
                    .contains(&num(8..10))
        }
        _ => false,
    }
}

/// Pieces of Arabic date text, digits of three scripts, punctuation and anything else.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "أمس",
            "اليوم",
            "غدا",
            "غداً",
            "يوم",
            "الجمعة",
            "الأحد",
            "الاثنين",
            "الماضي",
            "المقبل",
            "القادمة",
            "الأسبوع",
            "الشهر",
            "العام",
            "السنة",
            "هذا",
            "منذ",
            "قبل",
            "بعد",
            "أسبوعين",
            "يومين",
            "ثلاثة",
            "أيام",
            "سنوات",
            "عام",
            "عامي",
            "سنة",
            "في",
            "من",
            "إلى",
            "الموافق",
            "يوليو",
            "كانون",
            "الثاني",
            "الأول",
            "تشرين",
            "يناير",
            "رمضان",
            "ذو",
            "الحجة",
            "ربيع",
            "جمادى",
            "هـ",
            "م",
            "شهر",
            "أول",
            "الليلة",
            "الثالث",
            "عشر",
            "والعشرين",
            "صلاة",
            "لـ",
            "و",
            "ب",
            "لل",
            "المبارك",
        ])
        .prop_map(str::to_string),
        (0u32..3000).prop_map(|n| n.to_string()),
        (0u32..3000).prop_map(|n| n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + 0x0660).unwrap())
            .collect()),
        (0u32..3000).prop_map(|n| n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + 0x06F0).unwrap())
            .collect()),
        prop::sample::select(vec![
            " ", " ", " ", "/", "-", ".", "(", ")", "،", "\n", "«", "»", "\"", "ـ", "\u{064B}",
            "\u{200F}", "–", "  ",
        ])
        .prop_map(str::to_string),
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn check(text: &str, published: Option<Day>) -> Result<(), TestCaseError> {
    let got = find_dates(text, published);
    let mut prev_end = 0;
    for m in &got {
        prop_assert!(m.start < m.end, "{m:?}");
        prop_assert!(m.start >= prev_end, "overlap or out of order: {got:?}");
        prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        prop_assert!(m.end <= text.len());
        prev_end = m.end;
        if let Some(v) = &m.value {
            prop_assert!(iso(v), "{v}");
        }
        if !m.relative {
            prop_assert!(m.value.is_some(), "{m:?}");
        }
        prop_assert!(m.weekday.is_none_or(|w| w < 7));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn date_like_text(
        pieces in prop::collection::vec(piece(), 0..40),
        y in 1i32..=9999, mo in 0u32..=13, d in 0u32..=32, known in any::<bool>(),
    ) {
        let text: String = pieces.concat();
        check(&text, known.then_some((y, mo, d)))?;
        check(&text, Some((2015, 7, 21)))?;
    }

    #[test]
    fn any_text(text in any::<String>(), y in any::<i32>(), mo in any::<u32>(), d in any::<u32>()) {
        check(&text, Some((y, mo, d)))?;
        check(&text, None)?;
    }
}

/// Words of the Tunisian and Gulf press: البارحة (yesterday), البارحة الأولى and أمس الأول
/// (the day before), غرة (the first of a month), المنقضي and الفارط (past), «about» a count
/// (منذ نحو, قبل حوالي), and two days joined by a و standing apart.
#[test]
fn regional_words_and_approximate_counts() {
    table(
        SUNDAY,
        &[
            ("وقع الحادث ليلة البارحة بالمدينة.", "البارحة", "2018-07-14"),
            (
                "أضاءت البارحة الأولى الألعاب النارية سماء المنطقة.",
                "البارحة الأولى",
                "2018-07-13",
            ),
            ("وقع الحادث أمس الأول بالمدينة.", "أمس الأول", "2018-07-13"),
            ("وانطلقت الدورة غرة مارس.", "غرة مارس", "2018-03-01"),
            (
                "وانعقد الاجتماع الأسبوع المنقضي.",
                "الأسبوع المنقضي",
                "2018-W27",
            ),
            ("وارتفعت الأسعار السنة الفارطة.", "السنة الفارطة", "2017"),
            (
                "وانطلق المشروع منذ نحو أسبوعين.",
                "منذ نحو أسبوعين",
                "2018-W26",
            ),
            ("وكان ذلك قبل حوالي 4 سنوات.", "قبل حوالي 4 سنوات", "2014"),
        ],
    );
    // اليوم after a name closed by quotation marks is today; in marks, a newspaper.
    table(
        SUNDAY,
        &[(
            "وأضاف ضيف برنامج \"بوليتيكا\" اليوم أن البلدية أنفقت الملايين.",
            "اليوم",
            "2018-07-15",
        )],
    );
    assert!(found("ونشرت صحيفة \"اليوم\" تقريرا عن الحادث.", SUNDAY).is_empty());
    assert!(found("ووصفته قناة «روسيا اليوم» بأنه الكاتب.", SUNDAY).is_empty());
    for (text, days) in [
        (
            "وتنعقد الدورة يومي 6 و 9 ديسمبر 2018 بتونس.",
            ["2018-12-06", "2018-12-09"],
        ),
        // Glued into one word, 3و4: the same two days; a count (سجل 3و4 أهداف) is none.
        (
            "وتنعقد الدورة يومي 3و4 جوان 2018 بتونس.",
            ["2018-06-03", "2018-06-04"],
        ),
    ] {
        let got = found(text, SUNDAY);
        let values: Vec<_> = got.iter().filter_map(|(_, v)| v.as_deref()).collect();
        assert_eq!(values, days, "{got:?}");
    }
    assert!(found("وسجل اللاعب 3و4 أهداف في المباراتين.", SUNDAY).is_empty());
}

/// «يوم 30 من نفس الشهر», «31 من الشهر ذاته»: a day of the month the last date named, as
/// exact as that date; with no month named before, no date.
#[test]
fn a_day_of_the_same_month() {
    let got = found(
        "وتجرى الاختبارات أيام 15 و16 و17 جوان 2017 على أن يتم الإعلان عن نتائجها يوم 30 من نفس الشهر.",
        SUNDAY,
    );
    assert_eq!(
        got.last().map(|(t, v)| (t.as_str(), v.as_deref())),
        Some(("30 من نفس الشهر", Some("2017-06-30"))),
        "{got:?}"
    );
    let got = found(
        "وانطلقت الدورة يوم 5 جوان الماضي وتواصلت إلى 30 من الشهر ذاته.",
        SUNDAY,
    );
    assert_eq!(
        got.last().map(|(t, v)| (t.as_str(), v.as_deref())),
        Some(("30 من الشهر ذاته", Some("2018-06-30"))),
        "{got:?}"
    );
    assert!(found("وتم إيقافه يوم 16 من نفس الشهر.", SUNDAY).is_empty());
}

/// A weekday is the next one when a future verb (سـ + a present verb) stands before it; a name
/// that only looks so (ستورجن, سنترال) is no future verb.
#[test]
fn a_name_is_no_future_verb() {
    // Sunday 2018-07-15: the Monday before is the 9th, the next the 16th.
    table(
        SUNDAY,
        &[
            (
                "سيعقد المجلس اجتماعه الاثنين بالعاصمة.",
                "الاثنين",
                "2018-07-16",
            ),
            (
                "أعلنت رئيسة وزراء اسكتلندا نيكولا ستورجن الاثنين أنها تطلب استفتاء.",
                "الاثنين",
                "2018-07-09",
            ),
            (
                "بدا متنزه سنترال بارك في نيويورك الاثنين أشبه بثكنة.",
                "الاثنين",
                "2018-07-09",
            ),
        ],
    );
}
