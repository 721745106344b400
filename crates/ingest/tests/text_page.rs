//! The plain-text page reader, on the reference example page and on pages shaped like other
//! outlets' pages.

use std::path::{Path, PathBuf};

use khabar_ingest::{parse_text_page, read_file, Article, ReadOptions, RecordError};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn example_text() -> String {
    std::fs::read_to_string(fixture("example-page.txt")).unwrap()
}

const EXAMPLE_RELATED: [&str; 6] = [
    "خسائر من قوات النظام باشتباكات مع التنظيم بريف دير الزور",
    "نتنياهو: سنقطع الأوكسجين الإيراني عن حزب الله الذي يمر عبر سوريا",
    "قصف مجهول يستهدف معبر أبو الزندين شرق حلب",
    "غارات إسرائيلية على مواقع ميليشيات إيران بمحميط دمشق",
    "النظام يوصل قصفه على ريفي إدلب وحلب",
    "خلافات التطبيع تطفو على السطح.. \"فيدان\" يكشف تفاصيل جديدة بشأن علاقة بلاده مع النظام",
];

fn check_example(article: &Article) {
    assert_eq!(article.title, "كيري: الدبلوماسية بشأن سوريا لا تزال حية");
    assert_eq!(article.source.as_deref(), Some("بلدي نيوز"));
    assert_eq!(article.dateline.as_deref(), Some("بلدي نيوز- (متابعات)"));
    assert_eq!(article.id, None);
    assert_eq!(article.url, None);
    assert_eq!(article.published, None);

    let related: Vec<&str> = article.related.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(related, EXAMPLE_RELATED);
    assert!(article.related.iter().all(|r| r.url.is_none()));

    let paragraphs: Vec<&str> = article.text.split("\n\n").collect();
    assert_eq!(paragraphs.len(), 8, "body: {:#?}", paragraphs);
    assert_eq!(
        paragraphs[0],
        "دعا وزير الخارجية الأمريكي جون كيري، أمس الجمعة، لمواصلة الجهود للتوصل إلى سلام في سوريا، وذلك أثناء زيارة إلى روما التقى خلالها بنظيره الروسي سيرجي لافروف."
    );
    assert_eq!(
        paragraphs[7],
        "وتحدثت تقارير صحفية أمس عن أن أربعة معارضين يمثلون بعض فصائل بحلب، دخلوا مع موسكو في مفاوضات عبر وسيط تركي، وقالت وكالة رويترز إن \"مسؤولاً كبيراً بالمعارضة السورية\" وجّه الاتهام لروسيا، اليوم الجمعة، بالمماطلة وعدم الجدية في أول محادثات تجريها مع جماعات معارضة من مدينة حلب السورية في مؤشر على أن الاجتماعات المنعقدة في تركيا لن تحقق أي تقدم."
    );
    // Nothing from the header or the related block leaks into the body.
    for headline in EXAMPLE_RELATED {
        assert!(
            !article.text.contains(headline),
            "related in body: {headline}"
        );
    }
    assert!(!article.text.contains("مقالات ذات صلة"));
    assert!(!article.text.contains("It's Over 9000!"));
    assert!(!article.text.contains("بلدي نيوز- (متابعات)"));
    assert!(!article.text.contains(&article.title));
    assert!(paragraphs.iter().all(|p| p == &p.trim() && !p.is_empty()));
}

#[test]
fn example_page_parses_into_its_parts() {
    check_example(&parse_text_page(&example_text()).unwrap());
}

#[test]
fn example_page_with_crlf_and_bom_parses_the_same() {
    let crlf = format!("\u{feff}{}", example_text().replace('\n', "\r\n"));
    check_example(&parse_text_page(&crlf).unwrap());
}

#[test]
fn example_page_read_from_file() {
    let records: Vec<_> = read_file(fixture("example-page.txt"), &ReadOptions::default()).collect();
    assert_eq!(records.len(), 1);
    let record = &records[0];
    assert_eq!(record.location.file, fixture("example-page.txt"));
    assert_eq!(record.raw_bytes, example_text().len() as u64);
    check_example(record.result.as_ref().unwrap());
}

#[test]
fn agency_dateline_is_not_the_source_and_tagline_is() {
    let page = "\
ارتفاع أسعار الذهب في السوق المصرية - بوابة الأهرام

ارتفاع أسعار الذهب في السوق المصرية

القاهرة - أ ش أ
ارتفعت أسعار الذهب في السوق المصرية خلال تعاملات اليوم الأحد بنحو 5 جنيهات للجرام.
وقال رئيس شعبة الذهب إن الارتفاع يعود إلى صعود الأسعار عالميا.

اقرأ أيضاً:
البنك المركزي يثبت أسعار الفائدة
";
    let a = parse_text_page(page).unwrap();
    assert_eq!(a.title, "ارتفاع أسعار الذهب في السوق المصرية");
    assert_eq!(a.dateline.as_deref(), Some("القاهرة - أ ش أ"));
    assert_eq!(a.source.as_deref(), Some("بوابة الأهرام"));
    assert_eq!(
        a.text,
        "ارتفعت أسعار الذهب في السوق المصرية خلال تعاملات اليوم الأحد بنحو 5 جنيهات للجرام.\n\n\
         وقال رئيس شعبة الذهب إن الارتفاع يعود إلى صعود الأسعار عالميا."
    );
    assert_eq!(a.related.len(), 1);
    assert_eq!(a.related[0].title, "البنك المركزي يثبت أسعار الفائدة");
}

#[test]
fn headline_containing_a_separator_is_kept_whole() {
    // The headline itself has " - ": only the repeated line tells where the tagline starts.
    let page = "\
سوريا - مقتل عشرة مدنيين في قصف على ريف إدلب | عنب بلدي
سوريا - مقتل عشرة مدنيين في قصف على ريف إدلب
دمشق - رويترز
قتل عشرة مدنيين على الأقل في قصف استهدف بلدة في ريف إدلب الجنوبي صباح اليوم.
";
    let a = parse_text_page(page).unwrap();
    assert_eq!(a.title, "سوريا - مقتل عشرة مدنيين في قصف على ريف إدلب");
    assert_eq!(a.dateline.as_deref(), Some("دمشق - رويترز"));
    // Damascus is a place and Reuters the agency: the outlet comes from the tagline.
    assert_eq!(a.source.as_deref(), Some("عنب بلدي"));
    assert!(a.text.starts_with("قتل عشرة مدنيين"));
}

#[test]
fn no_repeated_headline_takes_the_arabic_part_of_the_title() {
    let page = "\
Asharq Al-Awsat | السعودية تطلق برنامجا جديدا لدعم الشركات الناشئة
(رويترز) - أطلقت السعودية برنامجا جديدا لدعم الشركات الناشئة بقيمة مليار ريال.
ويهدف البرنامج إلى تنويع مصادر الاقتصاد.
";
    let a = parse_text_page(page).unwrap();
    assert_eq!(a.title, "السعودية تطلق برنامجا جديدا لدعم الشركات الناشئة");
    assert_eq!(a.source.as_deref(), Some("Asharq Al-Awsat"));
    // The first paragraph opens with the agency but is a sentence, not a dateline line.
    assert_eq!(a.dateline, None);
    assert_eq!(a.text.split("\n\n").count(), 2);
    assert!(a.text.starts_with("(رويترز) - أطلقت السعودية"));
}

#[test]
fn parenthesised_agency_dateline_and_date_line() {
    let page = "\
الأمم المتحدة تدعو إلى هدنة إنسانية في اليمن
الأمم المتحدة تدعو إلى هدنة إنسانية في اليمن
2016-12-17 10:30
(رويترز) -
دعت الأمم المتحدة اليوم السبت إلى هدنة إنسانية عاجلة في اليمن لإدخال المساعدات.
";
    let a = parse_text_page(page).unwrap();
    assert_eq!(a.title, "الأمم المتحدة تدعو إلى هدنة إنسانية في اليمن");
    assert_eq!(a.published.as_deref(), Some("2016-12-17T10:30:00"));
    assert_eq!(a.dateline.as_deref(), Some("(رويترز) -"));
    assert_eq!(a.source, None);
    assert_eq!(
        a.text,
        "دعت الأمم المتحدة اليوم السبت إلى هدنة إنسانية عاجلة في اليمن لإدخال المساعدات."
    );
}

#[test]
fn inline_read_also_teaser_stays_in_the_body() {
    let long = "وأضاف الوزير في مؤتمر صحفي عقده في العاصمة أن الحكومة ماضية في تنفيذ خطتها الاقتصادية رغم الصعوبات، وأن الإصلاحات ستشمل قطاعات الطاقة والنقل والتعليم والصحة، مؤكدا أن نتائجها ستظهر خلال العامين المقبلين على مستوى معيشة المواطنين.";
    assert!(long.chars().count() > 200);
    let page = format!(
        "الحكومة تعلن خطة اقتصادية جديدة\n\
         الحكومة تعلن خطة اقتصادية جديدة\n\
         أعلنت الحكومة اليوم عن خطة اقتصادية جديدة.\n\
         إقرأ أيضا\n\
         وزير المالية يستقيل\n\
         {long}\n\
         مواضيع ذات صلة\n\
         الحكومة ترفع أسعار الوقود\n"
    );
    let a = parse_text_page(&page).unwrap();
    assert!(a.text.contains(long));
    assert!(a.text.contains("وزير المالية يستقيل"));
    assert_eq!(a.related.len(), 1);
    assert_eq!(a.related[0].title, "الحكومة ترفع أسعار الوقود");
}

#[test]
fn pages_without_body_have_no_text() {
    assert_eq!(parse_text_page(""), Err(RecordError::NoText));
    assert_eq!(
        parse_text_page(" \n\u{200f}\n\r\n"),
        Err(RecordError::NoText)
    );
    assert_eq!(
        parse_text_page("عنوان الخبر - الموقع\n\nعنوان الخبر\n\nمقالات ذات صلة\nخبر آخر\n"),
        Err(RecordError::NoText)
    );
}

#[test]
fn a_date_stamp_in_arabic_under_the_headline_is_the_publication_date_not_body() {
    let page = "الحكومة تعلن خطة جديدة للنقل - موقع الأخبار\n\nالحكومة تعلن خطة جديدة للنقل\n\nالسبت 3 كانون الأول/ ديسمبر 2016\n\n\
                أعلنت الحكومة اليوم عن خطة جديدة لتطوير النقل العمومي في المدن الكبرى خلال السنوات الخمس القادمة.\n\n\
                وقال وزير النقل إن الخطة تشمل شراء حافلات جديدة وتوسيع شبكة المترو.";
    let a = khabar_ingest::parse_text_page(page).unwrap();
    assert_eq!(a.published.as_deref(), Some("2016-12-03"));
    assert!(a.text.starts_with("أعلنت الحكومة اليوم"), "{}", a.text);
    // A sentence that mentions a date is body, not a date stamp.
    let page = page.replace("السبت 3 كانون الأول/ ديسمبر 2016", "وقعت الحادثة يوم السبت 3 كانون الأول/ ديسمبر 2016 في ساعة متأخرة من الليل قرب المحطة الرئيسية");
    let a = khabar_ingest::parse_text_page(&page).unwrap();
    assert_eq!(a.published, None);
    assert!(a.text.starts_with("وقعت الحادثة"));
}
