//! Quotations and their speakers: the issue's example page, a table of real Arabic sentences
//! for each attribution pattern, and bad input.

use khabar_nlp::entities::Entity;
use khabar_nlp::quotes::{find_quotes, Quote, QuoteKind};
use khabar_nlp::EntityType;
use proptest::prelude::*;

/// The body of the issue's example page (its first lines are a title, the title again and a
/// dateline, not part of the body).
fn example_body() -> String {
    let page = include_str!("../../ingest/tests/fixtures/example-page.txt");
    let start = page.find("دعا وزير الخارجية").expect("body start");
    let end = page.find("مقالات ذات صلة").expect("body end");
    page[start..end].trim().to_owned()
}

/// Every byte range of `word` in `text`.
fn mentions(text: &str, word: &str) -> Vec<(usize, usize)> {
    text.match_indices(word)
        .map(|(i, w)| (i, i + w.len()))
        .collect()
}

fn entity(text: &str, name: &str, ty: EntityType, forms: &[&str]) -> Entity {
    let mut m: Vec<(usize, usize)> = forms.iter().flat_map(|f| mentions(text, f)).collect();
    m.sort();
    m.dedup_by(|b, a| b.0 < a.1);
    Entity {
        name: name.to_owned(),
        ty,
        mentions: m,
    }
}

fn quoted<'a>(text: &'a str, q: &Quote) -> &'a str {
    &text[q.start..q.end]
}

/// The quotation whose words contain `words`.
fn find<'a>(text: &str, quotes: &'a [Quote], words: &str) -> &'a Quote {
    quotes
        .iter()
        .find(|q| quoted(text, q).contains(words))
        .unwrap_or_else(|| {
            let got: Vec<_> = quotes
                .iter()
                .map(|q| (quoted(text, q), &q.speaker))
                .collect();
            panic!("no quotation with {words:?} in {got:#?}")
        })
}

/// Asserts that the quotation containing `words` in `text` has `speaker`.
fn assert_speaker(text: &str, entities: &[Entity], words: &str, speaker: &str) {
    let quotes = find_quotes(text, entities);
    let q = find(text, &quotes, words);
    assert_eq!(q.speaker.as_deref(), Some(speaker), "{quotes:#?}");
}

fn check_example(entities: &[Entity], kerry: &str) {
    let text = example_body();
    let quotes = find_quotes(&text, entities);

    let q = find(&text, &quotes, "كل الدبلوماسية");
    assert_eq!(quoted(&text, q), "كل الدبلوماسية لا تزال على قيد الحياة");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(q.speaker.as_deref(), Some(kerry));
    assert_eq!(q.source.as_deref(), Some("رويترز"));

    for words in [
        "لا ينتظر أي منا الإدارة القادمة",
        "نواصل استكشاف كل سبيل لوقف المذابح غير المبررة في سوريا",
        "هذا هو هدف ستيفان دي ميستورا وهذا على ما يبدو هدف روسيا وهدفنا أيضا.",
    ] {
        let q = find(&text, &quotes, words);
        assert_eq!(quoted(&text, q), words);
        assert_eq!(q.kind, QuoteKind::Direct);
        assert_eq!(q.speaker.as_deref(), Some(kerry), "{words}");
    }

    // Reported speech of Reuters; its quotation marks enclose a description, not a quote.
    let q = find(&text, &quotes, "وجّه الاتهام لروسيا");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(q.speaker.as_deref(), Some("رويترز"));
    assert!(quoted(&text, q).ends_with("لن تحقق أي تقدم"));
    assert!(
        !quotes
            .iter()
            .any(|q| quoted(&text, q) == "مسؤولاً كبيراً بالمعارضة السورية"),
        "a description in quotation marks is no quotation"
    );
    // Every quotation has a speaker.
    assert!(quotes.iter().all(|q| q.speaker.is_some()));
}

#[test]
fn example_page_with_entities() {
    let text = example_body();
    let entities = vec![
        entity(&text, "جون كيري", EntityType::Pers, &["جون كيري", "كيري"]),
        entity(
            &text,
            "سيرجي لافروف",
            EntityType::Pers,
            &["سيرجي لافروف", "لافروف"],
        ),
        entity(&text, "رويترز", EntityType::Org, &["رويترز"]),
        entity(
            &text,
            "ستيفان دي ميستورا",
            EntityType::Pers,
            &["ستيفان دي ميستورا"],
        ),
        entity(&text, "سوريا", EntityType::Loc, &["سوريا"]),
        entity(&text, "روسيا", EntityType::Loc, &["روسيا"]),
        entity(&text, "دونالد ترامب", EntityType::Pers, &["دونالد ترامب"]),
    ];
    check_example(&entities, "جون كيري");
    let quotes = find_quotes(&text, &entities);
    let q = find(&text, &quotes, "كل الدبلوماسية");
    assert_eq!(q.entity, Some(0));
    assert_eq!(q.speaker_title.as_deref(), Some("وزير الخارجية الأمريكي"));
    let q = find(&text, &quotes, "وجّه الاتهام");
    assert_eq!(q.entity, Some(2));
}

#[test]
fn example_page_without_entities() {
    // The name as the text first gives it, title apart.
    check_example(&[], "جون كيري");
}

/// One row: a text, the quoted words expected, their speaker and kind.
struct Row {
    text: &'static str,
    words: &'static str,
    speaker: &'static str,
    kind: QuoteKind,
}

const D: QuoteKind = QuoteKind::Direct;
const I: QuoteKind = QuoteKind::Indirect;

const TABLE: &[Row] = &[
    // وقال X "…"
    Row {
        text: "وقال كيري \"لا ينتظر أي منا الإدارة القادمة\" ثم غادر القاعة.",
        words: "لا ينتظر أي منا الإدارة القادمة",
        speaker: "كيري",
        kind: D,
    },
    // قال X: «…»
    Row {
        text: "قال وزير الخارجية الفرنسي لوران فابيوس: «لن نقبل بأي حل يبقي الأسد في السلطة».",
        words: "لن نقبل بأي حل يبقي الأسد في السلطة",
        speaker: "لوران فابيوس",
        kind: D,
    },
    // «…»، قال X
    Row {
        text: "«الوضع الإنساني في المدينة كارثي بكل المقاييس»، قال المتحدث باسم الصليب الأحمر.",
        words: "الوضع الإنساني في المدينة كارثي بكل المقاييس",
        speaker: "المتحدث باسم الصليب الأحمر",
        kind: D,
    },
    // «…» بحسب X
    Row {
        text: "«لن نتراجع عن مطالبنا مهما كانت الضغوط» بحسب الأمين العام للنقابة سامي الطاهري.",
        words: "لن نتراجع عن مطالبنا مهما كانت الضغوط",
        speaker: "سامي الطاهري",
        kind: D,
    },
    // "…"، حسب X
    Row {
        text: "\"الحكومة ستعلن عن إجراءات جديدة خلال الأسبوع المقبل\"، حسب مصدر حكومي مطلع.",
        words: "الحكومة ستعلن عن إجراءات جديدة خلال الأسبوع المقبل",
        speaker: "مصدر حكومي مطلع",
        kind: D,
    },
    // نقلت وكالة X عن Y قوله "…" (speaker Y)
    Row {
        text: "ونقلت وكالة الأناضول عن وزير الداخلية الهادي المجدوب قوله \"الوضع الأمني تحت السيطرة تماما\".",
        words: "الوضع الأمني تحت السيطرة تماما",
        speaker: "الهادي المجدوب",
        kind: D,
    },
    // وفق ما نقلت X عن Y، فإن …
    Row {
        text: "ووفق ما نقلت وكالة رويترز عن مصدر أمني، فإن المهاجمين فروا باتجاه الحدود الجنوبية للبلاد.",
        words: "المهاجمين فروا باتجاه الحدود الجنوبية للبلاد",
        speaker: "مصدر أمني",
        kind: I,
    },
    // على لسان X
    Row {
        text: "«نحن مستعدون للحوار مع كل الأطراف دون شروط مسبقة»، على لسان رئيس الحركة راشد الغنوشي.",
        words: "نحن مستعدون للحوار مع كل الأطراف دون شروط مسبقة",
        speaker: "راشد الغنوشي",
        kind: D,
    },
    // indirect: قال X إن
    Row {
        text: "قال ياسر مصباح الناطق الرسمي باسم وزارة الداخلية إنه تم الكشف عن 150 قضية إرهابية خلال شهر جانفي.",
        words: "تم الكشف عن 150 قضية إرهابية خلال شهر جانفي",
        speaker: "ياسر مصباح",
        kind: I,
    },
    // feminine, organisation
    Row {
        text: "وأكدت وزارة الصحة أن الوضع الوبائي في البلاد مستقر ولا يدعو إلى القلق.",
        words: "الوضع الوبائي في البلاد مستقر ولا يدعو إلى القلق",
        speaker: "وزارة الصحة",
        kind: I,
    },
    // plural
    Row {
        text: "وأكد المحتجون أنهم سيواصلون الاعتصام إلى حين تحقيق مطالبهم المشروعة.",
        words: "سيواصلون الاعتصام إلى حين تحقيق مطالبهم المشروعة",
        speaker: "المحتجون",
        kind: I,
    },
    // كما أكد, بأن
    Row {
        text: "كما أكد رئيس البلدية بأن الأشغال ستنطلق في بداية الشهر القادم.",
        words: "الأشغال ستنطلق في بداية الشهر القادم",
        speaker: "رئيس البلدية",
        kind: I,
    },
    // an agency: وكالة رويترز → رويترز
    Row {
        text: "وقالت وكالة رويترز إن الاجتماعات المنعقدة في تركيا لن تحقق أي تقدم.",
        words: "الاجتماعات المنعقدة في تركيا لن تحقق أي تقدم",
        speaker: "رويترز",
        kind: I,
    },
    // a description as speaker; an addressee after a comma
    Row {
        text: "قال مصدر بالشرطة الفرنسية، لرويترز، إن الرجل الذي قتله جنود بالرصاص في مطار أورلي هو نفسه المشتبه به.",
        words: "الرجل الذي قتله جنود بالرصاص في مطار أورلي هو نفسه المشتبه به",
        speaker: "مصدر بالشرطة الفرنسية",
        kind: I,
    },
    // title, comma, name, comma; time words after the verb
    Row {
        text: "قال اليوم الأحد نائب حركة النهضة عن ولاية سوسة، العجمي الوريمي، إن تعطيل الانتاج خط أحمر.",
        words: "تعطيل الانتاج خط أحمر",
        speaker: "العجمي الوريمي",
        kind: I,
    },
    // a quoted name inside the speaker phrase, a Tunisian complementizer with shadda
    Row {
        text: "وقال وزير النقل أنيس غديرة في تصريح لمراسل الجوهرة \"اف ام\" اليوم الإثنين إنّ هذه الصفقة ستدعم أسطول السكك الحديدية.",
        words: "هذه الصفقة ستدعم أسطول السكك الحديدية",
        speaker: "أنيس غديرة",
        kind: I,
    },
    // دعا إلى
    Row {
        text: "دعت منظمة الصحة العالمية إلى التوعية بالتهاب الكبد الوبائي الذي يصيب نحو 400 مليون شخص.",
        words: "التوعية بالتهاب الكبد الوبائي الذي يصيب نحو 400 مليون شخص",
        speaker: "منظمة الصحة العالمية",
        kind: I,
    },
    // a colon without quotation marks
    Row {
        text: "وقال المدير العام للشركة محمد العربي: الإنتاج سيعود إلى نسقه العادي خلال أيام.",
        words: "الإنتاج سيعود إلى نسقه العادي خلال أيام",
        speaker: "محمد العربي",
        kind: I,
    },
    // the subject before the verb
    Row {
        text: "ووفقا لبي بي سي، فإن الشرطة تقول إنها لم تصل بعد إلى أي دليل قاطع.",
        words: "لم تصل بعد إلى أي دليل قاطع",
        speaker: "الشرطة",
        kind: I,
    },
    // وفقا لـ + a body's name in construct: the ل is the attribution's, not a place's بـ/لـ
    Row {
        text: "ووفقا لوزارة الداخلية فإن الوحدات الأمنية أوقفت ثلاثة مشتبه بهم.",
        words: "الوحدات الأمنية أوقفت ثلاثة مشتبه بهم",
        speaker: "وزارة الداخلية",
        kind: I,
    },
    // an abbreviated title: د. is not a sentence end
    Row {
        text: "وأوضح عميد كلية الطب د. علي الغامدي أنه أقيم لقاء تعارف بحضور مدير المستشفى.",
        words: "أقيم لقاء تعارف بحضور مدير المستشفى",
        speaker: "علي الغامدي",
        kind: I,
    },
    // the subject before the verb, with قد
    Row {
        text: "وكانت وزارة الدفاع الوطني، قد أفادت يوم السبت بأن القضاء العسكري تعهد بفتح تحقيق.",
        words: "القضاء العسكري تعهد بفتح تحقيق",
        speaker: "وزارة الدفاع الوطني",
        kind: I,
    },
    // a spokesman of a ministry, then his name
    Row {
        text: "وأوضح الناطق الرسمي باسم وزارة الداخلية محمد علي العروي أن عون الأمن خالفت القانون.",
        words: "عون الأمن خالفت القانون",
        speaker: "محمد علي العروي",
        kind: I,
    },
    // a quoted phrase ending the clause after أن is the quotation
    Row {
        text: "وأكدت الوزارة أنها \"ستعمل على تشجيع المنتوج المحلي طالما توفر بالسوق\"، بحسب ما جاء في البيان.",
        words: "ستعمل على تشجيع المنتوج المحلي طالما توفر بالسوق",
        speaker: "الوزارة",
        kind: D,
    },
    // بين read as بيّن: a verb opening its sentence, its أن right after the subject
    Row {
        text: "وبين داود أن تراجع التداول يعكس تدني قدرة المستثمرين على الشراء.",
        words: "تراجع التداول يعكس تدني قدرة المستثمرين",
        speaker: "داود",
        kind: I,
    },
    // a call, with the occasion between the caller and إلى (في بيان لها is no object)
    Row {
        text: "ودعت الجمعية في بيان لها إلى تتبع المعتدين ومحاسبتهم.",
        words: "تتبع المعتدين ومحاسبتهم",
        speaker: "الجمعية",
        kind: I,
    },
];

#[test]
fn table() {
    for row in TABLE {
        let quotes = find_quotes(row.text, &[]);
        let q = quotes
            .iter()
            .find(|q| quoted(row.text, q).contains(row.words))
            .unwrap_or_else(|| panic!("{}: nothing quoted; got {quotes:#?}", row.text));
        assert_eq!(q.kind, row.kind, "{}", row.text);
        assert_eq!(q.speaker.as_deref(), Some(row.speaker), "{}", row.text);
        assert_eq!(quotes.len(), 1, "{}: {quotes:#?}", row.text);
    }
}

#[test]
fn pronoun_speaker_is_the_previous_one() {
    let text = "قال وزير الخارجية الأمريكي جون كيري إن الدبلوماسية لا تزال حية في سوريا. \
                وأضاف أن الجهود ستتواصل الأسبوع المقبل في جنيف. \
                وتابع: \"نواصل استكشاف كل سبيل لوقف المذابح\". \
                مشيرا إلى أن روسيا تتحمل جزءا من المسؤولية.";
    let quotes = find_quotes(text, &[]);
    assert_eq!(quotes.len(), 4, "{quotes:#?}");
    for q in &quotes {
        assert_eq!(q.speaker.as_deref(), Some("جون كيري"));
        assert_eq!(q.speaker_title.as_deref(), Some("وزير الخارجية الأمريكي"));
    }
    // The mention of a pronoun speaker is its verb.
    let q = find(text, &quotes, "الجهود ستتواصل");
    assert_eq!(
        &text[q.speaker_mention.unwrap().0..q.speaker_mention.unwrap().1],
        "وأضاف"
    );
    assert_eq!(quoted(text, q), "الجهود ستتواصل الأسبوع المقبل في جنيف");
}

#[test]
fn last_name_and_bare_title_name_the_earlier_speaker() {
    let text = "قال وزير الداخلية الهادي المجدوب إن الوضع الأمني مستقر في كامل البلاد. \
                وأكد المجدوب أن الوحدات الأمنية في حالة تأهب قصوى. \
                وقال الوزير إن التعزيزات ستصل الحدود غدا.";
    let quotes = find_quotes(text, &[]);
    assert_eq!(quotes.len(), 3, "{quotes:#?}");
    for q in &quotes {
        assert_eq!(
            q.speaker.as_deref(),
            Some("الهادي المجدوب"),
            "{}",
            quoted(text, q)
        );
    }
}

#[test]
fn same_source_is_the_previous_speaker() {
    let text = "قال مصدر أمني لمراسل الجوهرة \"اف ام\" إن الوحدات حجزت كمية من المخدرات. \
                وأشار، ذات المصدر، إلى أن الأبحاث متواصلة للكشف عن بقية الشبكة.";
    let quotes = find_quotes(text, &[]);
    assert_eq!(quotes.len(), 2, "{quotes:#?}");
    assert!(quotes
        .iter()
        .all(|q| q.speaker.as_deref() == Some("مصدر أمني")));
}

#[test]
fn pronoun_takes_a_person_named_in_its_sentence() {
    // With entities, وقال after a sentence naming someone else goes to that person.
    let text = "قال الوزير محمد الناصر إن الجلسة ستعقد غدا. وقد مثل ويب أمام المحكمة في نيويورك، \
                حيث أكد أنه غير مذنب.";
    let entities = vec![
        entity(text, "محمد الناصر", EntityType::Pers, &["محمد الناصر"]),
        entity(text, "جيفري ويب", EntityType::Pers, &["ويب"]),
    ];
    let quotes = find_quotes(text, &entities);
    let q = find(text, &quotes, "غير مذنب");
    assert_eq!(q.speaker.as_deref(), Some("جيفري ويب"));
    assert_eq!(q.entity, Some(1));
}

#[test]
fn speaker_linked_to_entity() {
    let text = "وقال رئيس الحكومة يوسف الشاهد إن الحرب على الفساد ستتواصل دون هوادة.";
    let entities = vec![
        entity(text, "الحكومة", EntityType::Org, &["الحكومة"]),
        entity(text, "يوسف الشاهد", EntityType::Pers, &["يوسف الشاهد"]),
    ];
    let quotes = find_quotes(text, &entities);
    assert_eq!(quotes.len(), 1);
    assert_eq!(quotes[0].entity, Some(1));
    assert_eq!(quotes[0].speaker.as_deref(), Some("يوسف الشاهد"));
    assert_eq!(quotes[0].speaker_title.as_deref(), Some("رئيس الحكومة"));
    // A short form of the name matches the entity's full name.
    let text = "وقال الشاهد إن الحرب على الفساد ستتواصل دون هوادة.";
    let entities = vec![Entity {
        name: "يوسف الشاهد".into(),
        ty: EntityType::Pers,
        mentions: vec![],
    }];
    let quotes = find_quotes(text, &entities);
    assert_eq!(quotes[0].speaker.as_deref(), Some("يوسف الشاهد"));
    assert_eq!(quotes[0].entity, Some(0));
}

#[test]
fn names_and_terms_in_quotation_marks_are_not_quotes() {
    for text in [
        "أعلن تنظيم \"داعش\" مسؤوليته عن الهجوم الذي استهدف المدينة.",
        "استضاف برنامج \"ذا فويس\" عددا من المواهب الشابة هذا الأسبوع.",
        "شارك اللاعب في مهرجان \"أيام قرطاج السينمائية\" العام الماضي.",
        "وكانت \"الغذاء والدواء\" ضبطت فيلا سكنية بمدينة جدة.",
        "وانتشر وسم \"#لا_للتطبيع\" على مواقع التواصل الاجتماعي بشكل واسع.",
        "ويقول الكاتب الأمريكي آلان ميتكالف، في كتابه الصادر بعنوان \"القصة غير المحتملة لأعظم كلمة\".",
        "\"الدار دارك\" عنوان ترحيبي أطلقته المحافظة على مهرجانها الشعبي.",
        "وأكد الوزير أن تنظيم \"داعش\" يتراجع في كل الجبهات",
    ] {
        let quotes = find_quotes(text, &[]);
        assert!(
            quotes.iter().all(|q| q.kind == QuoteKind::Indirect),
            "{text}: {quotes:#?}"
        );
    }
    // …while the clause around a quoted name is still reported speech.
    let text = "وأكد الوزير أن تنظيم \"داعش\" يتراجع في كل الجبهات.";
    let quotes = find_quotes(text, &[]);
    assert_eq!(quotes.len(), 1);
    assert_eq!(
        quoted(text, &quotes[0]),
        "تنظيم \"داعش\" يتراجع في كل الجبهات"
    );
}

#[test]
fn no_speaker_no_quote() {
    for text in [
        // a quotation with no cue
        "\"هذا يوم تاريخي للبلاد\" كتب على اللافتة الكبيرة.",
        // impersonal: يذكر أن, يشار إلى أن
        "يذكر أن الوزارة أطلقت حملة مماثلة العام الماضي في عدة ولايات.",
        // a pronoun with nobody before it
        "وأضاف أن الوضع سيتحسن خلال الأيام القادمة في كل المناطق.",
        // a study is not a speaker
        "وأوضحت الدراسة أن 50 في المائة فقط من النساء ينجبن ثلاثة أطفال.",
        // a present verb inside a description
        "أصدرت المفوضية خطوطا إرشادية توضح أنه لا يمكن أن توضع ملصقات على المنتجات.",
    ] {
        let quotes = find_quotes(text, &[]);
        assert!(quotes.is_empty(), "{text}: {quotes:#?}");
    }
}

#[test]
fn nested_and_unbalanced_marks() {
    // Nested marks of the same kind: the outer quotation is the quote.
    let text = "وقال مراقبون سياسيون \"إن وجوده في السلطة هو \"عديم المعنى\" لأن المستقبل لا بد أن يناقش بدونه\".";
    let quotes = find_quotes(text, &[]);
    assert_eq!(quotes.len(), 1, "{quotes:#?}");
    assert_eq!(
        quoted(text, &quotes[0]),
        "إن وجوده في السلطة هو \"عديم المعنى\" لأن المستقبل لا بد أن يناقش بدونه"
    );
    // Nested marks of two kinds.
    let text = "وقال الوزير: «لقد قلت لهم \"لا للتمديد\" ولن أتراجع عن ذلك».";
    let quotes = find_quotes(text, &[]);
    assert_eq!(quotes.len(), 1);
    assert_eq!(
        quoted(text, &quotes[0]),
        "لقد قلت لهم \"لا للتمديد\" ولن أتراجع عن ذلك"
    );
    // A stray opening mark before a paired quotation.
    let text = "وعرض هذا \"الكويكب ليس كبيرا، وقال العالم: \"سيغير اقتصاد الأرض إلى الأبد\".";
    let quotes = find_quotes(text, &[]);
    assert!(quotes
        .iter()
        .any(|q| quoted(text, q) == "سيغير اقتصاد الأرض إلى الأبد"));
    // A quotation that never closes runs to the end of its sentence (the annotation guide's
    // reading), when it has four words or more.
    let text = "وقال الوزير: \"الوضع خطير جدا ولا يمكن السكوت عنه. وغادر القاعة.";
    let quotes = find_quotes(text, &[]);
    assert_eq!(quotes.len(), 1, "{quotes:#?}");
    assert_eq!(quotes[0].kind, QuoteKind::Direct);
    assert_eq!(
        quoted(text, &quotes[0]),
        "الوضع خطير جدا ولا يمكن السكوت عنه"
    );
    assert_eq!(quotes[0].speaker.as_deref(), Some("الوزير"));
    let text =
        "وقال الهمامي \"إذا كنا نريد أن نكون نزهاء مع الشعب فيجب أن نصارحه\nوأوضح أن الفساد كبير.";
    let quotes = find_quotes(text, &[]);
    assert!(
        quotes.iter().any(|q| q.kind == QuoteKind::Direct
            && quoted(text, q) == "إذا كنا نريد أن نكون نزهاء مع الشعب فيجب أن نصارحه"
            && q.speaker.as_deref() == Some("الهمامي")),
        "{quotes:#?}"
    );
    // Shorter, or nothing after the mark: nothing direct, no panic.
    for text in [
        "وقال الوزير «الوضع خطير جدا",
        "»»» «« \"\" ' ' “ ” ‘ ’ قال: «",
        "قال",
        "إن",
        "«",
        "",
    ] {
        let quotes = find_quotes(text, &[]);
        assert!(
            quotes.iter().all(|q| q.kind == QuoteKind::Indirect),
            "{text}"
        );
    }
    // A mark attached to the word before it still opens (أنه" لا …").
    let text = "وأوضح السليطي لوكالة تونس إفريقيا للأنباء أنه\" لا وجود لأي احتفاظ\".";
    let quotes = find_quotes(text, &[]);
    assert_eq!(quotes.len(), 1);
    assert_eq!(quoted(text, &quotes[0]), "لا وجود لأي احتفاظ");
}

#[test]
fn text_without_arabic() {
    let text = "He said \"we will win\", according to Reuters. 'Yes' - l'Aube: «ok».";
    assert!(find_quotes(text, &[]).is_empty());
    assert!(find_quotes("1234 5678 !!! ??? ...", &[]).is_empty());
}

#[test]
fn long_text_is_linear() {
    // 1 MB of speech verbs, complementizers and quotation marks with no sentence end.
    let unit = "قال الوزير إن وأضاف أن «مسؤول» \"قال\" ";
    let mut text = String::new();
    while text.len() < 1 << 20 {
        text.push_str(unit);
    }
    let t = std::time::Instant::now();
    let quotes = find_quotes(&text, &[]);
    let spent = t.elapsed();
    assert!(quotes
        .iter()
        .all(|q| q.start <= q.end && q.end <= text.len()));
    // Debug builds are slow; quadratic work on 1 MB would take minutes.
    assert!(spent.as_secs() < 20, "{spent:?}");

    // A real sentence repeated into 1 MB: every sentence quoted once.
    let sentence = "وقال الوزير إن الوضع مستقر في كامل البلاد. ";
    let n = (1 << 20) / sentence.len();
    let text = sentence.repeat(n);
    let quotes = find_quotes(&text, &[]);
    assert_eq!(quotes.len(), n);
}

fn check_offsets(text: &str, quotes: &[Quote]) {
    for q in quotes {
        assert!(q.start <= q.end && q.end <= text.len());
        assert!(text.is_char_boundary(q.start) && text.is_char_boundary(q.end));
        for (a, b) in q.speaker_mention.iter().chain(q.cue.iter()) {
            assert!(a <= b && *b <= text.len());
            assert!(text.is_char_boundary(*a) && text.is_char_boundary(*b));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn never_panics_any_text(text in "\\PC{0,300}") {
        let quotes = find_quotes(&text, &[]);
        check_offsets(&text, &quotes);
    }

    #[test]
    fn never_panics_news_like(parts in proptest::collection::vec(
        prop::sample::select(vec![
            "قال", "وقال", "وأضاف", "أكد", "وأكدت", "قائلا", "مشيرا", "إلى", "إن", "أن", "بأن",
            "حسب", "بحسب", "وفق", "ما", "نقلت", "عن", "قوله", "على", "لسان", "حد", "وكالة",
            "رويترز", "الوزير", "جون", "كيري", "وزير", "الخارجية", "مصدر", "في", "تصريح", "اليوم",
            "«", "»", "\"", "“", "”", "'", "‘", "’", ":", "،", ",", ".", "\n", "د.", " ", "ـ",
            "تنظيم", "داعش", "الذي", "يذكر", "دعا", "وفقا", "لـ", "فإن", "(", ")", "-", "é", "x",
            "فيه", "فيها", "بيانه", "لحزب", "وكانت", "قد", "نشرت", "بيانا", "وهو", "أحد",
        ]),
        0..80,
    ), entity_at in proptest::collection::vec((0usize..400, 0usize..40), 0..4)) {
        let text: String = parts.iter().map(|p| format!("{p} ")).collect();
        // Entities with arbitrary (even nonsensical) mentions must not break anything.
        let entities: Vec<Entity> = entity_at
            .iter()
            .enumerate()
            .map(|(i, &(a, l))| Entity {
                name: format!("e{i}"),
                ty: if i % 2 == 0 { EntityType::Pers } else { EntityType::Org },
                mentions: vec![(a, a + l)],
            })
            .collect();
        let quotes = find_quotes(&text, &entities);
        check_offsets(&text, &quotes);
        for q in &quotes {
            prop_assert!(q.speaker.is_some());
            if let Some(e) = q.entity {
                prop_assert!(e < entities.len());
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Speaker attribution: who the speaker phrase names, and what never names a speaker.

/// One text of several sentences and, for quotations containing the words, their speaker
/// (`None`: no quotation there).
struct Attribution {
    text: &'static str,
    expect: &'static [(&'static str, Option<&'static str>)],
}

fn check_attribution(rows: &[Attribution], entities_of: impl Fn(&str) -> Vec<Entity>) {
    for row in rows {
        let entities = entities_of(row.text);
        let quotes = find_quotes(row.text, &entities);
        check_offsets(row.text, &quotes);
        for &(words, speaker) in row.expect {
            let q = quotes.iter().find(|q| quoted(row.text, q).contains(words));
            match speaker {
                Some(s) => {
                    let q = q.unwrap_or_else(|| {
                        panic!(
                            "{}: nothing quoted with {words:?}; got {quotes:#?}",
                            row.text
                        )
                    });
                    assert_eq!(q.speaker.as_deref(), Some(s), "{}: {words}", row.text);
                }
                None => assert!(q.is_none(), "{}: {words} quoted: {q:#?}", row.text),
            }
        }
    }
}

/// Phrases after a speech verb that are its object or an adverb, not its subject: the quote
/// goes to the current speaker, or is dropped when there is none.
const NOT_A_SPEAKER: &[Attribution] = &[
    // a preposition opening the phrase (عن …)
    Attribution {
        text: "وقالت وزيرة الصحة سميرة مرعي إن الوضع الوبائي مستقر. وعبرت عن تمكنها من تجاوز \
               الصعوبات، مؤكدة أن الوزارة ستواصل الإصلاحات.",
        expect: &[
            ("الوضع الوبائي مستقر", Some("سميرة مرعي")),
            ("الوزارة ستواصل الإصلاحات", Some("سميرة مرعي")),
        ],
    },
    // ب + a noun in construct (بصعوبة المعادلة): the participle is the main clause's subject's
    Attribution {
        text: "وقال وزير الفلاحة سمير الطيب إن الموسم واعد. وأقر بصعوبة المعادلة، مؤكدا أن \
               الدولة لن تتخلى عن الفلاحين.",
        expect: &[
            ("الموسم واعد", Some("سمير الطيب")),
            ("الدولة لن تتخلى عن الفلاحين", Some("سمير الطيب")),
        ],
    },
    // nobody to fall back on: no quotation
    Attribution {
        text: "وأقر بصعوبة المعادلة، مؤكدا أن الدولة لن تتخلى عن الفلاحين.",
        expect: &[("الدولة لن تتخلى", None)],
    },
    // a plural in the object case (الفرنسيين) after the verb is whom it was told
    Attribution {
        text: "وقال وزير الخارجية الفرنسي جان مارك ايرولت إن باريس تدعم الحل السياسي. وأبلغ \
               الفرنسيين أن الإجراءات الأمنية مشددة.",
        expect: &[
            ("باريس تدعم", Some("جان مارك ايرولت")),
            ("الإجراءات الأمنية مشددة", Some("جان مارك ايرولت")),
        ],
    },
    // a circumstantial participle (مسترسلا) after the verb
    Attribution {
        text: "وأكد المندوب الجهوي للفلاحة رضا الحمدي أن الصابة قياسية. وأردف مسترسلا: إن \
               الفلاحين مطالبون بالتسريع في عمليات الجني.",
        expect: &[
            ("الصابة قياسية", Some("رضا الحمدي")),
            ("الفلاحين مطالبون", Some("رضا الحمدي")),
        ],
    },
    // a particle carrying the subject (لكنه أشار): not the words before it
    Attribution {
        text: "وقال وزير الداخلية الهادي المجدوب إن الوحدات الأمنية أحبطت مخططا إرهابيا \
               وإن المتورطين أحيلوا على القضاء لكنه أشار إلى أن الخطر ما يزال قائما.",
        expect: &[("الخطر ما يزال قائما", Some("الهادي المجدوب"))],
    },
    // a name in quotation marks followed by a description
    Attribution {
        text: "وأكدت \"سلمى العياري\"الفائزة بالجائزة الأولى، أن هذا التتويج ثمرة سنوات من العمل.",
        expect: &[("هذا التتويج ثمرة", Some("سلمى العياري"))],
    },
    // a long quotation followed by a participle is not a name inside the speaker phrase
    Attribution {
        text: "وقالت الوزيرة سهام البوغديري \"إن الإصلاح الجبائي ضرورة لا مفر منها\" مبرزة أن \
               الإدارة ستدعم المراقبة.",
        expect: &[
            ("الإصلاح الجبائي ضرورة", Some("سهام البوغديري")),
            ("الإدارة ستدعم المراقبة", Some("سهام البوغديري")),
        ],
    },
];

#[test]
fn phrases_that_name_nobody_are_never_speakers() {
    check_attribution(NOT_A_SPEAKER, |_| Vec::new());
}

/// A description after the person was named: that person.
const COREFERENCE: &[Attribution] = &[
    // the same title, the name given with it earlier (not as a speaker)
    Attribution {
        text: "وقدمت وزيرة التجارة نجلاء حروش برنامج المراقبة الاقتصادية. وقالت وزيرة التجارة \
               إن الأسعار ستبقى مستقرة خلال شهر رمضان.",
        expect: &[("الأسعار ستبقى مستقرة", Some("نجلاء حروش"))],
    },
    // the name before the title
    Attribution {
        text: "نفى منير الرياحي المدير الجهوي للتجهيز بسوسة ما راج حول تعطل الأشغال. وأوضح \
               المدير الجهوي أن المقاول استأنف العمل منذ أسبوع.",
        expect: &[("المقاول استأنف العمل", Some("منير الرياحي"))],
    },
    // a role noun of two words for the one just quoted
    Attribution {
        text: "وقال المسؤول الحكومي مهدي بن غربية إن الحكومة ستفتح باب الحوار. وأضاف المسؤول \
               الحكومي أن الأبواب مفتوحة أمام الجميع.",
        expect: &[
            ("الحكومة ستفتح", Some("مهدي بن غربية")),
            ("الأبواب مفتوحة", Some("مهدي بن غربية")),
        ],
    },
    // المتحدث, ذات المصدر
    Attribution {
        text: "وقال المتحدث باسم الحرس الوطني حسام الدين الجبابلي إن الوحدات أوقفت المشتبه بهم. \
               وأكد المتحدث أن الأبحاث متواصلة. وأشار ذات المصدر إلى أن المحجوز أحيل على \
               الجهات المختصة.",
        expect: &[
            ("الوحدات أوقفت", Some("حسام الدين الجبابلي")),
            ("الأبحاث متواصلة", Some("حسام الدين الجبابلي")),
            ("المحجوز أحيل", Some("حسام الدين الجبابلي")),
        ],
    },
    // a title of five words, the same as the one given with the name earlier
    Attribution {
        text: "وقال رئيس الهيئة الوطنية لمكافحة الفساد، شوقي الطبيب، إن الملفات كثيرة. وتابع \
               رئيس الهيئة الوطنية لمكافحة الفساد أن التقرير السنوي سيصدر قريبا.",
        expect: &[("التقرير السنوي سيصدر", Some("شوقي الطبيب"))],
    },
    // a noun with its possessive pronoun in the title (المنتهية ولايته) is no name
    Attribution {
        text: "قال الرئيس الفرنسي فرنسوا أولاند إن العملية لن تمر بدون رد. وأكد الرئيس الفرنسي \
               المنتهية ولايته أن الحكومة تعرف هذه المخاطر.",
        expect: &[("الحكومة تعرف هذه المخاطر", Some("فرنسوا أولاند"))],
    },
    // a qualified source after a body's own words is a source within it, who speaks as such
    Attribution {
        text: "أعلنت القوات المسلحة الإماراتية أن التحقيقات برأت قواتها. وقال المصدر العسكري \
               لوكالة الأنباء إن القارب لم يستهدف. وأفاد المصدر أن القوات رصدت القارب.",
        expect: &[
            ("القارب لم يستهدف", Some("المصدر العسكري")),
            ("القوات رصدت القارب", Some("المصدر العسكري")),
        ],
    },
    // a description without the article is someone new, left as written
    Attribution {
        text: "وقال الوزير خالد شوكات إن الحكومة متضامنة. وقال مصدر حكومي مطلع إن التحوير \
               الوزاري سيعلن قريبا.",
        expect: &[("التحوير الوزاري", Some("مصدر حكومي مطلع"))],
    },
];

#[test]
fn descriptions_name_the_earlier_person() {
    check_attribution(COREFERENCE, |_| Vec::new());
}

/// A news agency or a ministry relays; the person it quotes speaks.
const RELAYS: &[Attribution] = &[
    Attribution {
        text: "نقلت وكالة تونس إفريقيا للأنباء (وات) عن المعتمد الأول بالقيروان سامي الغابي \
               قوله إن المشاريع المعطلة ستنطلق قريبا.",
        expect: &[("المشاريع المعطلة", Some("سامي الغابي"))],
    },
    Attribution {
        text: "وصرح عضو الهيئة أنور بن حسن لوات أن الانتخابات البلدية ستجرى في موعدها.",
        expect: &[("الانتخابات البلدية", Some("أنور بن حسن"))],
    },
    Attribution {
        text: "وقال رئيس الهيئة شوقي الطبيب إن الملفات كثيرة. وأكد الطبيب، وفق ما صرح به لوات، \
               أن الهيئة ستنشر تقريرها السنوي.",
        expect: &[("ستنشر تقريرها", Some("شوقي الطبيب"))],
    },
    // passive: نُقل عن X قوله
    Attribution {
        text: "ونقل عن الراكبة في البيان قولها \"شعرت بحرارة شديدة في وجهي ثم رأيت النار\".",
        expect: &[("شعرت بحرارة", Some("الراكبة"))],
    },
    // the organisation speaks على لسان its spokesperson
    Attribution {
        text: "وقالت وزارة الداخلية الفرنسية على لسان المتحدث باسمها بيار هنري برانديه إن \
               التحقيق متواصل.",
        expect: &[("التحقيق متواصل", Some("بيار هنري برانديه"))],
    },
    // an organisation's spokesperson, named: the person
    Attribution {
        text: "وذكر المتحدث باسم وزارة الداخلية الفرنسية بيار هنري برانديه أن الشرطة أوقفت \
               ثلاثة أشخاص.",
        expect: &[("الشرطة أوقفت", Some("بيار هنري برانديه"))],
    },
    // a title with عن in it, the person after it
    Attribution {
        text: "ونقلت وسائل إعلام محلية عن المسؤول العام عن المسح الجغرافي سوارنا راو قوله إن \
               \"الهند قررت إعادة قياس الجبل\".",
        expect: &[("الهند قررت", Some("سوارنا راو"))],
    },
];

#[test]
fn relays_are_sources_not_speakers() {
    check_attribution(RELAYS, |_| Vec::new());
    let text = RELAYS[0].text;
    let quotes = find_quotes(text, &[]);
    let q = find(text, &quotes, "المشاريع المعطلة");
    assert_eq!(q.source.as_deref(), Some("تونس إفريقيا للأنباء"));
    let text = RELAYS[4].text;
    let quotes = find_quotes(text, &[]);
    let q = find(text, &quotes, "التحقيق متواصل");
    assert_eq!(q.source.as_deref(), Some("وزارة الداخلية الفرنسية"));
}

/// Participles and subjectless verbs belong to the subject of their sentence.
const CHAINS: &[Attribution] = &[
    Attribution {
        text: "قال رئيس الهيئة شوقي الطبيب إن الفساد تفشى، مضيفا أن الهيئة تلقت آلاف الملفات، \
               ومشيرا إلى أن الإمكانيات محدودة.",
        expect: &[
            ("الفساد تفشى", Some("شوقي الطبيب")),
            ("الهيئة تلقت", Some("شوقي الطبيب")),
            ("الإمكانيات محدودة", Some("شوقي الطبيب")),
        ],
    },
    // كان X قد …، قائلة: the sentence's subject, not a speaker quoted paragraphs ago
    Attribution {
        text: "وقال رئيس الشركة تيم كلارك إن الخدمة مجانية. وستطبق الإجراءات الجديدة ابتداء \
               من السبت. وكانت هيئة الطيران المدني قد عبرت عن دهشتها من القرار، قائلة إن \
               الإجراءات الأمنية صارمة بالفعل.",
        expect: &[
            ("الخدمة مجانية", Some("تيم كلارك")),
            ("الإجراءات الأمنية صارمة", Some("هيئة الطيران المدني")),
        ],
    },
];

/// The subject before its verb: a name in quotation marks is part of it, a topic particle
/// (أما) is not.
const SUBJECT_FIRST: &[Attribution] = &[
    Attribution {
        text: "وقال الوزير إن الوضع مستقر. وكانت هيئة الإذاعة البريطانية \"بي بي سي\" كشفت أن \
               المشتبه به غادر البلاد قبل الهجوم. وبينت أن السلطات أصدرت مذكرة توقيف في حقه.",
        expect: &[
            ("المشتبه به غادر", Some("هيئة الإذاعة البريطانية بي بي سي")),
            ("السلطات أصدرت", Some("هيئة الإذاعة البريطانية بي بي سي")),
        ],
    },
    Attribution {
        text: "وقال وزير النقل أنيس غديرة إن القطاع يتعافى. أما الخبير الاقتصادي معز الجودي، فقد \
               اعتبر أن الأزمة ما تزال قائمة.",
        expect: &[
            ("القطاع يتعافى", Some("أنيس غديرة")),
            ("الأزمة ما تزال", Some("معز الجودي")),
        ],
    },
];

#[test]
fn subject_before_the_verb() {
    check_attribution(SUBJECT_FIRST, |_| Vec::new());
}

#[test]
fn participles_belong_to_the_sentence_subject() {
    check_attribution(CHAINS, |_| Vec::new());
}

/// With the tagger's entities: a person in the speaker phrase wins; a person in a complement
/// or inside a quotation is not the speaker.
#[test]
fn entities_in_complements_and_quotations_are_not_speakers() {
    let pers = |text: &str, names: &[&str]| -> Vec<Entity> {
        names
            .iter()
            .map(|n| entity(text, n, EntityType::Pers, &[n]))
            .collect()
    };
    let rows = [
        Attribution {
            text: "وقال عدنان منصر إن الحكومة فشلت. وفي رده على الحوار الأخير لرئيس الحكومة \
                   يوسف الشاهد، اعتبر أن الأزمة سياسية بالأساس.",
            expect: &[
                ("الحكومة فشلت", Some("عدنان منصر")),
                ("الأزمة سياسية", Some("عدنان منصر")),
            ],
        },
        Attribution {
            text: "وأكدت رئيسة المنظمة وداد بوشماوي أن تعيين عضو المكتب التنفيذي خليل \
                   الغرياني وزيرا تم دون مشاورات، مضيفة أن رئيس الحكومة من حقه اختيار فريقه.",
            expect: &[
                ("تعيين عضو", Some("وداد بوشماوي")),
                ("من حقه اختيار", Some("وداد بوشماوي")),
            ],
        },
        // من جانبه، X …، مؤكدا: the person after the discourse marker
        Attribution {
            text: "وقال أحد الفلاحين إن الماء مقطوع منذ أسبوع. من جانبه معتمد الجهة منير \
                   الغريبي، استقبل عددا من الفلاحين، مؤكدا أن دراسة بصدد الإعداد.",
            expect: &[
                ("الماء مقطوع", Some("أحد الفلاحين")),
                ("دراسة بصدد الإعداد", Some("منير الغريبي")),
            ],
        },
        Attribution {
            text: "وذكر المتحدث باسم وزارة الداخلية الفرنسية بيار هنري برانديه أن الشرطة أوقفت \
                   ثلاثة أشخاص.",
            expect: &[("الشرطة أوقفت", Some("بيار هنري برانديه"))],
        },
        Attribution {
            text: "وقدمت وزيرة التجارة نجلاء حروش برنامج المراقبة الاقتصادية. وقالت وزيرة \
                   التجارة إن الأسعار ستبقى مستقرة خلال شهر رمضان.",
            expect: &[("الأسعار ستبقى مستقرة", Some("نجلاء حروش"))],
        },
    ];
    check_attribution(&rows, |text| {
        let mut e = pers(
            text,
            &[
                "عدنان منصر",
                "يوسف الشاهد",
                "وداد بوشماوي",
                "خليل الغرياني",
                "بيار هنري برانديه",
                "نجلاء حروش",
                "منير الغريبي",
            ],
        );
        e.retain(|e| !e.mentions.is_empty());
        e.push(entity(
            text,
            "وزارة الداخلية الفرنسية",
            EntityType::Org,
            &["وزارة الداخلية الفرنسية"],
        ));
        e.retain(|e| !e.mentions.is_empty());
        e
    });
}

/// Found on the development articles (bench/data/understanding-dev): the patterns fixed there,
/// each in a sentence of its own.
#[test]
fn patterns_from_the_development_articles() {
    // A party's name in quotation marks inside the speaker's title is no quotation.
    let text = "أكد عدنان منصر، الأمين العام لحزب \"حراك تونس الإرادة\"، أن \"إدارة شؤون الحكم هي مسألة فعل وليست مسألة خطابات\"، على حد تعبيره.";
    let quotes = find_quotes(text, &[]);
    assert_eq!(quotes.len(), 1, "{quotes:#?}");
    assert_eq!(
        quoted(text, &quotes[0]),
        "إدارة شؤون الحكم هي مسألة فعل وليست مسألة خطابات"
    );
    assert_eq!(quotes[0].speaker.as_deref(), Some("عدنان منصر"));
    // قال, then a long description of the speaker, then the words said ending the sentence.
    let text = "وقال جيرومي كوفير وهو أحد سكان لونجمو التي تبعد أقل من 20 كيلومترا جنوبي باريس \"منذ الأمس والأمطار تهطل مثل طوفان\". ويحاول رجال الإطفاء إنقاذ السكان.";
    let quotes = find_quotes(text, &[]);
    assert_eq!(quotes.len(), 1, "{quotes:#?}");
    assert_eq!(quoted(text, &quotes[0]), "منذ الأمس والأمطار تهطل مثل طوفان");
    assert_eq!(quotes[0].kind, QuoteKind::Direct);
    assert_eq!(quotes[0].speaker.as_deref(), Some("جيرومي كوفير"));
    // «قالت فيه» (said in it): the statement's author, the sentence's subject, speaks.
    let text = "أعلنت غراند سينما في لبنان منع عرض الفيلم بشكل رسمي.\nوكانت وزارة الاقتصاد قد نشرت بيانا قالت فيه إنها باشرت باتخاذ الإجراءات اللازمة لحظر عرض الفيلم.";
    assert_speaker(text, &[], "باشرت باتخاذ الإجراءات", "وزارة الاقتصاد");
    // A call's occasion between the caller and whom it calls on.
    for (text, caller) in [
        (
            "ودعا الحزب في بيانه القوى الديمقراطية إلى تنسيق جهودها من أجل كشف الحقائق.",
            "الحزب",
        ),
        (
            "ودعا حزب العمال في بيانه القوى الديمقراطية إلى تنسيق جهودها من أجل كشف الحقائق.",
            "حزب العمال",
        ),
    ] {
        let quotes = find_quotes(text, &[]);
        let q = find(text, &quotes, "تنسيق جهودها");
        assert_eq!(q.speaker.as_deref(), Some(caller), "{quotes:#?}");
    }
    // … but a verb that takes other objects keeps a far quotation as its object.
    let text = "ونفى الناطق باسم الوزارة ما تم تداوله على مواقع التواصل الاجتماعي خلال الأيام الأخيرة بخصوص الحادثة في \"صفحة الأخبار العاجلة للجهة\".";
    assert!(
        find_quotes(text, &[])
            .iter()
            .all(|q| q.kind != QuoteKind::Direct),
        "{text}"
    );

    // بين as "between", before an أن of its own: no speech.
    let text = "والفرق بين الماضي والحاضر أن الكثير من القرارات أصبحت في يد الشباب.";
    assert!(find_quotes(text, &[]).is_empty(), "{text}");
    // A study's or a report's results find, they do not say.
    let text = "وبينت نتائج تقرير نشرته الوكالة أن القروض تطورت خلال سنة 2014 بنسبة كبيرة.";
    assert!(find_quotes(text, &[]).is_empty(), "{text}");

    // وأكد أن … with no full stop before it: the next statement of the same speaker.
    let text = "ولاحظ الوزير أن النقاش كان سياسيا، لكن الوزارة تتعامل معه من الناحية الأمنية وأكد أن الموضوع مهم للتونسيين.";
    let quotes = find_quotes(text, &[]);
    assert_eq!(quotes.len(), 2, "{quotes:#?}");
    let first = find(text, &quotes, "لكن الوزارة تتعامل معه من الناحية الأمنية");
    assert!(!quoted(text, first).contains("الموضوع مهم"), "{quotes:#?}");
    let second = find(text, &quotes, "الموضوع مهم للتونسيين");
    assert_eq!(first.speaker.as_deref(), Some("الوزير"));
    assert_eq!(second.speaker.as_deref(), Some("الوزير"));

    // A call participle with its object before إلى.
    let text = "وقال رئيس النقابة إن القناة تضررت، داعيا المستشهرين إلى التفطن إلى الفساد.";
    let quotes = find_quotes(text, &[]);
    let call = find(text, &quotes, "التفطن إلى الفساد");
    assert_eq!(call.speaker.as_deref(), Some("رئيس النقابة"));
    assert!(!quoted(text, find(text, &quotes, "القناة تضررت")).contains("داعيا"));

    // A call's object after its caller: كافة … is whom the party calls, not the party.
    let text =
        "كما دعا الحزب كافة الفاعلين السياسيين إلى التحلي بروح المسؤولية والالتزام بالأخلاقيات.";
    let quotes = find_quotes(text, &[]);
    let call = find(text, &quotes, "التحلي بروح المسؤولية");
    assert_eq!(call.speaker.as_deref(), Some("الحزب"));
    // من المفروض أن: what should be, not what was said.
    let text = "وتصدر عن قيادات من المفروض أنها تكون بمنأى عن هذه الشبهات الخطيرة حسب البيان.";
    assert!(find_quotes(text, &[]).is_empty(), "{text}");

    // A title whose complement runs on to the person's name: the person speaks.
    let text =
        "أكد عضو لجنة التحقيق في أحداث الذهيبة ناجي البغوري أن صابر المليان قتل برصاصة في الظهر.";
    let people = [entity(
        text,
        "ناجي البغوري",
        EntityType::Pers,
        &["ناجي البغوري"],
    )];
    let quotes = find_quotes(text, &people);
    let q = find(text, &quotes, "صابر المليان قتل برصاصة");
    assert!(
        q.speaker.as_deref().is_some_and(|s| s.contains("البغوري")),
        "{quotes:#?}"
    );

    // A sentence that opens on its speech verb, with no speaker yet: the actor the previous
    // sentence opened on (a verb the lexicon does not know, then the person).
    let text = "انتقد عبيد البريكي وزير الوظيفة العمومية اليوم الجمعة اغراق السوق التونسية بالسلع التركية.\nوقال ان الحكومات الجديدة لم تنتهج سياسة تجارية تفاوضية.";
    let people = [entity(
        text,
        "عبيد البريكي",
        EntityType::Pers,
        &["عبيد البريكي"],
    )];
    let quotes = find_quotes(text, &people);
    let q = find(text, &quotes, "الحكومات الجديدة لم تنتهج");
    assert_eq!(q.speaker.as_deref(), Some("عبيد البريكي"), "{quotes:#?}");
    // Without anyone named at the previous sentence's start, no one is guessed.
    let text = "وفي السوق التونسية سلع تركية كثيرة.\nوقال ان الحكومات الجديدة لم تنتهج سياسة تجارية تفاوضية.";
    assert!(
        find_quotes(text, &people)
            .iter()
            .all(|q| q.speaker.is_none()),
        "{:#?}",
        find_quotes(text, &people)
    );

    // الحزب alone: the organisation named before it.
    let text = "عبر الاتحاد الوطني الحر في بيان له عن استنكاره. كما دعا الحزب كافة الفاعلين السياسيين إلى التحلي بروح المسؤولية.";
    let orgs = [entity(
        text,
        "الاتحاد الوطني الحر",
        EntityType::Org,
        &["الاتحاد الوطني الحر"],
    )];
    let quotes = find_quotes(text, &orgs);
    let call = find(text, &quotes, "التحلي بروح المسؤولية");
    assert_eq!(
        call.speaker.as_deref(),
        Some("الاتحاد الوطني الحر"),
        "{quotes:#?}"
    );

    // A closing mark that closes nothing ends the reported words at its comma.
    let text = "ونقلت الصحيفة عن إحدى شهود العيان قولها إن رجلا ركض بسرعة وتمكن من التقاط الطفل بواسطة شرشف\", وذلك بعد أن كانت الأم قد أطلت برأسها من النافذة.";
    let text = text.replace(", ", "، ");
    let quotes = find_quotes(&text, &[]);
    let q = find(&text, &quotes, "رجلا ركض بسرعة");
    assert!(quoted(&text, q).ends_with("بواسطة شرشف"), "{quotes:#?}");
}

// ---------------------------------------------------------------------------------------------
// Reporting patterns of Arabic news in general: statements, expressed words, fronted sources,
// participles. Sentences written for these tests.

/// Rows with their entities (name, type, forms).
type Entities = &'static [(&'static str, EntityType, &'static [&'static str])];

fn check_with_entities(rows: &[(Attribution, Entities)]) {
    for (row, ents) in rows {
        let entities: Vec<Entity> = ents
            .iter()
            .map(|(name, ty, forms)| entity(row.text, name, *ty, forms))
            .collect();
        check_attribution(std::slice::from_ref(row), |_| entities.clone());
    }
}

const REPORTING: &[(Attribution, Entities)] = &[
    // وجاء في بلاغ لـX أن …: the body the statement is of.
    (
        Attribution {
            text: "وجاء في بلاغ لوزارة الصحة أنه تم تسجيل خمس إصابات جديدة بالفيروس في ولاية \
                   قابس.",
            expect: &[("تم تسجيل خمس إصابات جديدة", Some("وزارة الصحة"))],
        },
        &[],
    ),
    // وجاء في البيان: "…": the actor the report opens with, not the last speaker.
    (
        Attribution {
            text: "وقال الخبير الاقتصادي معز الجودي إن الأسعار سترتفع. وأعلنت الحكومة التونسية \
                   أمس عن حزمة إجراءات لفائدة الشباب. وجاء في البيان: \"سيتم إقرار حوافز \
                   جبائية جديدة لفائدة الباعثين الشبان\".",
            expect: &[("حوافز جبائية جديدة", Some("الحكومة التونسية"))],
        },
        &[
            ("الحكومة التونسية", EntityType::Org, &["الحكومة التونسية"]),
            ("معز الجودي", EntityType::Pers, &["معز الجودي"]),
        ],
    ),
    // جاء في + an occasion that has no words of its own: nothing reported.
    (
        Attribution {
            text: "وجاء في إطار الزيارة أن الوفد سيلتقي عددا من المسؤولين المحليين.",
            expect: &[("الوفد سيلتقي", None)],
        },
        &[],
    ),
    // عبّر X عن "…": the words expressed.
    (
        Attribution {
            text: "وعبر حزب التيار الديمقراطي عن \"رفضه القاطع لكل أشكال التطبيع مع الفساد \
                   والمفسدين\".",
            expect: &[("رفضه القاطع", Some("حزب التيار الديمقراطي"))],
        },
        &[],
    ),
    // … and after an occasion that names nobody (بمناسبة …): the speaker of the paragraph.
    (
        Attribution {
            text: "وقال الأمين العام للحزب غازي الشواشي إن الحكومة فشلت. وعبر بمناسبة افتتاح \
                   مقر الحزب بقابس، عن \"عدم تفاؤله بنجاح الحكومة الجديدة في إنقاذ البلاد\".",
            expect: &[("عدم تفاؤله بنجاح", Some("غازي الشواشي"))],
        },
        &[],
    ),
    // عبّر عن "سعادته" بـ…: a word in marks inside the clause is no quotation.
    (
        Attribution {
            text: "وقال المدرب نبيل معلول إن الفريق جاهز. وعبر عن \"سعادته\" بالتتويج في \
                   المهرجان.",
            expect: &[("سعادته", None)],
        },
        &[],
    ),
    // ووفقا لـX، …: a fronted source reports the rest of its sentence.
    (
        Attribution {
            text: "ووفقا لمصادر أمنية، اعتقلت الشرطة ثلاثة أشخاص يشتبه في تورطهم في الهجوم.",
            expect: &[("اعتقلت الشرطة ثلاثة أشخاص", Some("مصادر أمنية"))],
        },
        &[],
    ),
    // … not a text or a rule.
    (
        Attribution {
            text: "ووفقا للقانون، يحق لكل مواطن الترشح للانتخابات البلدية.",
            expect: &[("يحق لكل مواطن", None)],
        },
        &[],
    ),
    // A quotation inside its sentence, then ، وفق ما صرح به X: X's words.
    (
        Attribution {
            text: "وقررت المحكمة تأجيل النظر في القضية إلى \"موعد لاحق بعد استكمال الأبحاث \
                   اللازمة\"، وفق ما صرح به الناطق الرسمي باسم المحكمة محمد الخليفي.",
            expect: &[("موعد لاحق بعد استكمال", Some("محمد الخليفي"))],
        },
        &[],
    ),
    // … but the verbal noun inside a clause reports nothing.
    (
        Attribution {
            text: "وقال الباحث إن القراءة عادة تكتسب. فعلى الطفلة ملاحظة أنها تقرأ أكثر من \
                   أقرانها.",
            expect: &[("تقرأ أكثر من أقرانها", None)],
        },
        &[],
    ),
    // A participle belongs to the subject of its sentence's verb, whatever the verb, after
    // من جهته: not to the speaker of the sentence before.
    (
        Attribution {
            text: "وقال وزير العدل غازي الجريبي إن القضاء مستقل. من جهته، عبر حزب العمال عن \
                   تضامنه مع عائلة الضحية، معتبرا أن الحكم يمثل ضربة لاستقلالية القضاء.",
            expect: &[
                ("القضاء مستقل", Some("غازي الجريبي")),
                ("الحكم يمثل ضربة", Some("حزب العمال")),
            ],
        },
        &[],
    ),
    (
        Attribution {
            text: "وقال وزير العدل غازي الجريبي إن القضاء مستقل. واستنكرت جمعية \"أقليات\" في \
                   بيان لها تصريحات النائبة، مشددة على أن ما قالته لا يليق بممثلة للشعب.",
            expect: &[("ما قالته لا يليق", Some("جمعية أقليات"))],
        },
        &[],
    ),
];

#[test]
fn reporting_patterns_of_arabic_news() {
    check_with_entities(REPORTING);
}

/// Where a reported clause ends: at a speech participle with its own preposition, comma or
/// not, and before كما with the next statement.
#[test]
fn reported_clause_ends_at_the_next_statement() {
    let text = "وأضاف الوزير أن الإصلاح يتطلب الشجاعة لمصارحة الشعب متسائلا عن مصير الأموال \
                المنهوبة.";
    let quotes = find_quotes(text, &[]);
    let q = find(text, &quotes, "الإصلاح يتطلب الشجاعة");
    assert_eq!(quoted(text, q), "الإصلاح يتطلب الشجاعة لمصارحة الشعب");

    let text = "وأشار الوزير إلى أن الموسم الفلاحي واعد كما عبر الاتحاد عن \"ارتياحه لنتائج \
                المفاوضات الأخيرة مع الحكومة\".";
    let quotes = find_quotes(text, &[]);
    let first = find(text, &quotes, "الموسم الفلاحي واعد");
    assert_eq!(quoted(text, first), "الموسم الفلاحي واعد");
    assert_eq!(first.speaker.as_deref(), Some("الوزير"));
    let second = find(text, &quotes, "ارتياحه لنتائج المفاوضات");
    assert_eq!(second.kind, QuoteKind::Direct);
    assert_eq!(second.speaker.as_deref(), Some("الاتحاد"));

    // «…» مذكرة بأن "…": the noun-like participle where its أن follows opens the next
    // statement, a direct quotation of its own.
    let text = "ودعت الجمعية في بيانها إلى \"احترام حقوق الأقليات الدينية في البلاد\" مذكرة \
                بأن \"التنوع ثروة وطنية يجب صونها\".";
    let quotes = find_quotes(text, &[]);
    let q = find(text, &quotes, "التنوع ثروة وطنية");
    assert_eq!(
        quoted(text, q),
        "التنوع ثروة وطنية يجب صونها",
        "{quotes:#?}"
    );
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(q.speaker.as_deref(), Some("الجمعية"));
}

/// A short adverbial phrase between a participle and its أن (مؤكدا في هذا الصدد أن, مشيرا من
/// جهة ثانية إلى أن) does not hide the participle's statement, and ends the clause before it.
#[test]
fn a_participle_speaks_across_an_adverbial_phrase() {
    let text = "وقال الطبيب إن الجمعية تواكب التطورات، مؤكدا في هذا الصدد أن دور الطبيب لا \
                يقتصر على العلاج.";
    let quotes = find_quotes(text, &[]);
    let first = find(text, &quotes, "الجمعية تواكب التطورات");
    assert_eq!(quoted(text, first), "الجمعية تواكب التطورات");
    let second = find(text, &quotes, "دور الطبيب لا يقتصر");
    assert_eq!(quoted(text, second), "دور الطبيب لا يقتصر على العلاج");
    assert_eq!(second.speaker.as_deref(), Some("الطبيب"));

    let text = "وقال الوزير إن الحكومة ملتزمة بالإصلاح، مشيرا من جهة ثانية إلى أن الشرطة اعتقلت \
                شخصين.";
    let quotes = find_quotes(text, &[]);
    let q = find(text, &quotes, "الشرطة اعتقلت شخصين");
    assert_eq!(q.speaker.as_deref(), Some("الوزير"));
}

/// A speech verb with a noun object and no أن (وأكد وزير الداخلية سقوط قتلى) names its
/// subject for the participle after it; the object is not a name after the title.
#[test]
fn a_verbs_object_is_not_its_speakers_name() {
    let text = "وأكد وزير الداخلية سقوط قتلى، مشيرا إلى أن الشرطة اعتقلت شخصين في تونس.";
    // The article's names, as the tagger gives them: a place, none after the title.
    let entities = khabar_nlp::entities::group(
        text,
        &[khabar_nlp::Mention {
            start: text.find("تونس").unwrap(),
            end: text.find("تونس").unwrap() + "تونس".len(),
            ty: khabar_nlp::EntityType::Loc,
        }],
    );
    let quotes = find_quotes(text, &entities);
    let q = find(text, &quotes, "الشرطة اعتقلت شخصين");
    assert_eq!(q.speaker.as_deref(), Some("وزير الداخلية"), "{quotes:#?}");
}

/// بين (بيّن written without its shadda) followed by a definite subject and أن at once is the
/// verb, wherever it stands; من بين and كانت بين are the preposition.
#[test]
fn bayyana_before_its_subject_and_an() {
    let text = "وفي ما يتعلق بالجانب الاجتماعي بين الصندوق ان الحماية الاجتماعية ركن أساسي.";
    let quotes = find_quotes(text, &[]);
    let q = find(text, &quotes, "الحماية الاجتماعية ركن");
    assert_eq!(q.speaker.as_deref(), Some("الصندوق"));
    for text in [
        "ومن بين المرشحين أيضا أن الكاتبة فازت بالجائزة.",
        "ولا فرق بين الحكومة والمعارضة في هذا الملف.",
    ] {
        assert!(find_quotes(text, &[]).is_empty(), "{text}");
    }
}

/// A clause whose own verb reports speech gives way to it only when that verb's subject can
/// speak: figures that «show» something are what the speaker reports.
#[test]
fn a_clause_reporting_figures_stays_the_speakers() {
    let text = "وأوضحت سلمى عبيد أن الإحصائيات الأخيرة تشير إلى أن أكثر من 57 شخصا وقعوا ضحية.";
    let quotes = find_quotes(text, &[]);
    let q = find(text, &quotes, "الإحصائيات الأخيرة تشير");
    assert_eq!(
        quoted(text, q),
        "الإحصائيات الأخيرة تشير إلى أن أكثر من 57 شخصا وقعوا ضحية"
    );
    assert_eq!(q.speaker.as_deref(), Some("سلمى عبيد"), "{quotes:#?}");

    // The speaking subject's words are the quote: the police's, not the minister's.
    let text = "وقال الوزير إن الشرطة تقول إنها اعتقلت شخصين في العاصمة.";
    let quotes = find_quotes(text, &[]);
    let q = find(text, &quotes, "اعتقلت شخصين");
    assert_eq!(quoted(text, q), "اعتقلت شخصين في العاصمة", "{quotes:#?}");
}

/// A participle's quotation after a short adverbial phrase and a colon (قائلا في هذا الصدد:
/// «…»), or after قوله (مضيفا قوله أن "…").
#[test]
fn a_participle_speaks_across_a_phrase_before_its_colon() {
    let text = "وقال الوزير إن الديمقراطية فاشلة، قائلا في هذا الصدد: \"لقد حان الوقت لدفن \
                هذا النظام\".";
    let quotes = find_quotes(text, &[]);
    let q = find(text, &quotes, "لقد حان الوقت");
    assert_eq!(quoted(text, q), "لقد حان الوقت لدفن هذا النظام");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(q.speaker.as_deref(), Some("الوزير"));

    let text = "وقال المرزوقي إنه تعرض لقصف إعلامي متواصل، مضيفا قوله أن \"أغلب القنوات التي \
                تستهدفه مملوكة لمنظومة المال الفاسد\".";
    let quotes = find_quotes(text, &[]);
    let first = find(text, &quotes, "تعرض لقصف");
    assert_eq!(quoted(text, first), "تعرض لقصف إعلامي متواصل", "{quotes:#?}");
    let second = find(text, &quotes, "أغلب القنوات");
    assert_eq!(
        quoted(text, second),
        "أغلب القنوات التي تستهدفه مملوكة لمنظومة المال الفاسد"
    );
    assert_eq!(second.speaker.as_deref(), Some("المرزوقي"));
}

/// A participle that takes a noun through على or بـ (مشددة على عدم …, منددا بتجاهل …) opens
/// no statement: the reported clause runs on to the end of its sentence, as the annotation
/// guide has it. With its own أن or إلى (مشيرا إلى أن …) it starts the next statement.
#[test]
fn a_participle_with_a_noun_stays_in_the_clause() {
    let text = "وأكد كاتب عام النقابة أنهم لن يتخلوا عن أراضي المركب، منددا بتجاهل السلط \
                لمطالبهم.";
    let quotes = find_quotes(text, &[]);
    let q = find(text, &quotes, "لن يتخلوا");
    assert_eq!(
        quoted(text, q),
        "لن يتخلوا عن أراضي المركب، منددا بتجاهل السلط لمطالبهم",
        "{quotes:#?}"
    );

    let text = "وأكد الوزير أن الوضع مستقر، مشددا على ضرورة اليقظة.";
    let quotes = find_quotes(text, &[]);
    let q = find(text, &quotes, "الوضع مستقر");
    assert_eq!(
        quoted(text, q),
        "الوضع مستقر، مشددا على ضرورة اليقظة",
        "{quotes:#?}"
    );

    let text = "وأكد الوزير أن الوضع مستقر، مشيرا إلى أن الشرطة اعتقلت شخصين.";
    let quotes = find_quotes(text, &[]);
    let q = find(text, &quotes, "الوضع مستقر");
    assert_eq!(quoted(text, q), "الوضع مستقر", "{quotes:#?}");
    assert_eq!(quotes.len(), 2, "{quotes:#?}");
}

/// A past speech verb in a relative clause, its أن right after it, reports its antecedent's
/// words: the nearest title or name before الذي/التي, with the indefinite titles it
/// completes. A relative clause about a finding, or with a subject of its own, does not.
#[test]
fn the_antecedent_of_a_relative_clause_speaks() {
    let cases = [
        (
            "وقرر القضاء فتح تحقيق بحسب المنظمة التي قالت إن السلطات لم تصدر بيانا.",
            "السلطات لم تصدر بيانا",
            "المنظمة",
        ),
        (
            "والتقى الرئيس وزير الخارجية الذي أكد أن العلاقات بين البلدين ممتازة.",
            "العلاقات بين البلدين ممتازة",
            "وزير الخارجية",
        ),
        (
            "ومن بينهم تشونغ، نائب رئيس فيفا السابق الذي كشف بأنه سيعلن ترشحه رسميا.",
            "سيعلن ترشحه رسميا",
            "نائب رئيس فيفا السابق",
        ),
    ];
    for (text, words, speaker) in cases {
        let quotes = find_quotes(text, &[]);
        let q = find(text, &quotes, words);
        assert_eq!(q.speaker.as_deref(), Some(speaker), "{text}: {quotes:#?}");
    }
    for text in [
        "وأظهرت الأرقام التي أكدت أن البطالة ارتفعت في الجهة.",
        "وقصفت الطائرة القرية التي قالت مصادر إنها تؤوي مسلحين.",
    ] {
        let quotes = find_quotes(text, &[]);
        assert!(
            quotes.iter().all(|q| q.speaker.as_deref() != Some("الأرقام")
                && q.speaker.as_deref() != Some("القرية")),
            "{text}: {quotes:#?}"
        );
    }
}

/// A name that starts with ب or ل after a verb of calling is the caller, not the object of
/// the call (طالب X بـ…, دعا X لـ…): ودعا بوغلاب إلى …, ودعا لافروف إلى ….
#[test]
fn a_caller_named_with_ba_or_lam_is_the_speaker() {
    for (name, text) in [
        (
            "قيس بوغلاب",
            "وقال قيس بوغلاب إن الاضراب متواصل. ودعا بوغلاب إلى تنقيح القانون الذي يسمح لهم \
             بانزال الركاب.",
        ),
        (
            "سيرغي لافروف",
            "وقال سيرغي لافروف إن المحادثات متواصلة. ودعا لافروف إلى وقف إطلاق النار في حلب.",
        ),
    ] {
        let surname = name.split(' ').nth(1).unwrap();
        let entities = [entity(text, name, EntityType::Pers, &[name, surname])];
        let quotes = find_quotes(text, &entities);
        let q = quotes
            .iter()
            .find(|q| q.start > text.find("ودعا").unwrap())
            .unwrap_or_else(|| panic!("no call quoted in {text}: {quotes:#?}"));
        assert_eq!(q.speaker.as_deref(), Some(name), "{quotes:#?}");
    }
}

/// After a title and a person's name, a short phrase after a comma is the verb's object, not
/// the name in apposition (الرئيس الأميركي باراك أوباما، أمس، دول شرق أفريقيا …).
#[test]
fn a_phrase_after_a_persons_name_is_not_their_name() {
    let text = "دعا الرئيس الأميركي باراك أوباما، أمس، دول شرق أفريقيا إلى إبقاء الضغط على \
                المتمردين.";
    let entities = [
        entity(text, "باراك أوباما", EntityType::Pers, &["باراك أوباما"]),
        entity(text, "أفريقيا", EntityType::Loc, &["أفريقيا"]),
    ];
    let quotes = find_quotes(text, &entities);
    let q = find(text, &quotes, "إبقاء الضغط");
    assert_eq!(q.speaker.as_deref(), Some("باراك أوباما"), "{quotes:#?}");
}

/// What stands between a speaker and their أن without being their phrase: an occasion between
/// commas, however long and whatever it quotes (وأوضح X، في رده على سؤال وجهه له النائب …،
/// حول "…"، أن …), and a comma before على أن (أكد X، Y، على أن …).
#[test]
fn an_occasion_between_the_speaker_and_an() {
    let text = "أفاد كاتب عام الحكومة، أحمد زروق، أن 157 جمعية تحوم حولها شبهة إرهاب. وأوضح \
                كاتب عام الحكومة، في رده على سؤال وجهه له النائب محمد المحجوب، حول \"أسباب \
                إيقاف الجمعيات .. الرحمة نموذجا\"، أن الحكومة الحالية باشرت هذين الملفين. وبين \
                كاتب عام الحكومة أن 95 من ملفات الجمعيات غير مكتملة.";
    let entities = [
        entity(text, "أحمد زروق", EntityType::Pers, &["أحمد زروق"]),
        entity(text, "محمد المحجوب", EntityType::Pers, &["محمد المحجوب"]),
    ];
    let quotes = find_quotes(text, &entities);
    for words in [
        "الحكومة الحالية باشرت هذين الملفين",
        "95 من ملفات الجمعيات غير مكتملة",
    ] {
        let q = find(text, &quotes, words);
        assert_eq!(quoted(text, q), words);
        // The bare title is the man it named before, not the deputy in the occasion.
        assert_eq!(q.speaker.as_deref(), Some("أحمد زروق"), "{quotes:#?}");
    }

    let text = "أكد وزير الصناعة والتجارة، زياد العذاري، على أن قطاع صناعة السيارات يمثل قطاعا \
                مستقبليا.";
    let entities = [entity(
        text,
        "زياد العذاري",
        EntityType::Pers,
        &["زياد العذاري"],
    )];
    let quotes = find_quotes(text, &entities);
    let q = find(text, &quotes, "قطاع صناعة السيارات");
    assert_eq!(quoted(text, q), "قطاع صناعة السيارات يمثل قطاعا مستقبليا");
    // (على أن after a verb's object is «provided that», no statement.)
    let text = "وأعلن الوزير عن إجراءات جديدة، على أن يتم تطبيقها الشهر المقبل.";
    assert!(find_quotes(text, &[]).is_empty(), "{text}");
}

/// وفق ما ينص عليه المرسوم: what a text provides is no one's statement, and the law is not
/// the speaker the next participle means.
#[test]
fn what_a_law_provides_names_no_speaker() {
    let text = "وبين الوزير أن 95 من الملفات غير مكتملة وفق ما ينص عليه المرسوم 88، ملاحظا أن \
                الكتابة العامة وجهت 1300 مراسلة.";
    assert_speaker(text, &[], "الكتابة العامة وجهت", "الوزير");
}

/// A call's object may follow its caller with no word between (وطالب الاتحاد الحكومة إلى …):
/// a definite body after a definite word is not part of the caller's name; a title is
/// (دعا وزير التعليم الدكتور عزام الدخيل إلى …).
#[test]
fn a_calls_object_after_its_caller() {
    let text = "ودعا الرئيس الحكومة إلى الإسراع في الإصلاحات الاقتصادية.";
    assert_speaker(text, &[], "الإسراع في الإصلاحات", "الرئيس");

    let text = "دعا وزير التعليم الدكتور عزام الدخيل إلى ضرورة تخصيص أماكن للمستفيدين من الخدمة.";
    let entities = [entity(
        text,
        "عزام الدخيل",
        EntityType::Pers,
        &["عزام الدخيل"],
    )];
    let quotes = find_quotes(text, &entities);
    let q = find(text, &quotes, "ضرورة تخصيص أماكن");
    assert_eq!(q.speaker.as_deref(), Some("عزام الدخيل"), "{quotes:#?}");
}

/// A short quotation that opens with a tense or negation particle is a sentence, not a name,
/// even after a definite word (البيت الأبيض "سوف ننسحب"); ومضى يقول opens a statement like
/// قال; a name far from a bare title, in a later clause, is not the title's holder.
#[test]
fn short_sentences_going_on_and_far_names() {
    let text = "وقال ترامب في حفل بحديقة الورود في البيت الأبيض \"سوف ننسحب\" واصفا الاتفاقية \
                بأنها سيئة.";
    let quotes = find_quotes(text, &[]);
    let q = find(text, &quotes, "سوف ننسحب");
    assert_eq!(quoted(text, q), "سوف ننسحب");
    assert_eq!(q.kind, QuoteKind::Direct);

    let text = "وقال ترامب إن الاتفاقية سيئة. ومضى يقول \"سوف تنسحب الولايات المتحدة من \
                اتفاقية باريس\".";
    assert_speaker(text, &[], "سوف تنسحب الولايات", "ترامب");

    let text = "قال السفير في تصريح لوكالة الأنباء، صباح اليوم، خلال زيارة أداها مرفوقا بوفد \
                عن وكالة الأنباء الفلسطينية (وفاء)، \"هذا ليس بغريب عن سلطات الاحتلال\".";
    assert_speaker(text, &[], "هذا ليس بغريب", "السفير");
}

/// باعتبار أن ("given that") gives a reason; no one is quoted, even after بين.
#[test]
fn given_that_is_no_statement() {
    let text = "لم تكن السياسة الخارجية محورا للخلاف بين المرشحين باعتبار أن ضبط هذه المسائل تتولاه \
                المؤسسات.";
    let quotes = find_quotes(text, &[]);
    assert!(quotes.is_empty(), "{quotes:#?}");
}

/// A name after a title and the body it heads, between commas, is the speaker's; so is one that
/// opens with a word that can be a title (أمين).
#[test]
fn a_name_in_apposition_after_a_titles_body() {
    const ROWS: &[(Attribution, Entities)] = &[(
        Attribution {
            text: "قال رئيس بعثة صندوق النقد الدولي الى تونس، أمين ماتي، الثلاثاء، \"يوجد أمام \
                   تونس هامش لتخفيض أسعار المحروقات\".",
            expect: &[("يوجد أمام تونس هامش", Some("أمين ماتي"))],
        },
        &[
            (
                "صندوق النقد الدولي",
                EntityType::Org,
                &["صندوق النقد الدولي"],
            ),
            ("تونس", EntityType::Loc, &["تونس"]),
            ("أمين ماتي", EntityType::Pers, &["أمين ماتي"]),
        ],
    )];
    check_with_entities(ROWS);
}

/// A definite description speaks for the person an earlier sentence introduced with it; a
/// different adjective (الرئيس الروسي after الرئيس السوري بشار الأسد) is someone else.
#[test]
fn a_description_names_the_person_it_introduced() {
    const ROWS: &[(Attribution, Entities)] = &[
        (
            Attribution {
                text: "اتصلت الإذاعة بالمتفقد الجهوي للتراث بالساحل رياض الحاج سعيد. وقال إن \
                       الترميم لم يقع. وأضاف المتفقد الجهوي للتراث أن الوزارة وضعت برنامجا \
                       لتنظيف المعلم.",
                expect: &[("الوزارة وضعت برنامجا", Some("رياض الحاج سعيد"))],
            },
            &[("رياض الحاج سعيد", EntityType::Pers, &["رياض الحاج سعيد"])],
        ),
        (
            Attribution {
                text: "التقى الرئيس السوري بشار الأسد وفدا روسيا. وقال الرئيس الروسي فلاديمير \
                       بوتين إن بلاده تدعم الحوار. وأضاف الرئيس الروسي أن الحل سياسي.",
                expect: &[("الحل سياسي", Some("فلاديمير بوتين"))],
            },
            &[
                ("بشار الأسد", EntityType::Pers, &["بشار الأسد"]),
                ("فلاديمير بوتين", EntityType::Pers, &["فلاديمير بوتين"]),
            ],
        ),
    ];
    check_with_entities(ROWS);
}

/// A short quoted description after وصف … بـ or بأنه is the speaker's words, wherever its
/// clause ends; after ما or a relative pronoun it stays inside the clause around it.
#[test]
fn a_quoted_description_is_a_direct_quotation() {
    let text = "واعتبر المرزوقي أنه كان ضحية لجريمة إعلامية، واصفا بعض وسائل الإعلام التونسية \
                بـ\"إعلام الفساد\" الخاضع لمنظومة سياسية فاسدة.";
    let quotes = find_quotes(text, &[]);
    let q = find(text, &quotes, "إعلام الفساد");
    assert_eq!(quoted(text, q), "إعلام الفساد");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(q.speaker.as_deref(), Some("المرزوقي"), "{quotes:#?}");

    let text = "وطالب الاتحاد بوقف ما وصفه بـ\"التصريحات المجانية المثيرة للفزع\" والتي تضر \
                بالاقتصاد. ودعا الاتحاد إلى أن تتحمل الحكومة مسؤوليتها.";
    let quotes = find_quotes(text, &[]);
    assert!(
        quotes
            .iter()
            .all(|q| quoted(text, q) != "التصريحات المجانية المثيرة للفزع"),
        "{quotes:#?}"
    );
}

/// The subject of a sentence a participle reports for: a title, then a name between commas
/// that the tagger does not know (not the place in the title: بتونس).
#[test]
fn a_participles_subject_has_its_name_in_apposition() {
    const ROWS: &[(Attribution, Entities)] = &[(
        Attribution {
            text: "ندد السفير الفلسطيني بتونس، هائل الفاهوم، بعملية الإغتيال التي استهدفت يوم 15 \
                   ديسمبر 2016، المهندس محمد الزواري، أمام منزله بصفاقس، موضحا أن \"السفارة \
                   الفلسطينية بتونس تنتظر صدور التحقيقات الرسمية\".",
            expect: &[("تنتظر صدور التحقيقات", Some("هائل الفاهوم"))],
        },
        &[
            ("تونس", EntityType::Loc, &["تونس"]),
            ("محمد الزواري", EntityType::Pers, &["محمد الزواري"]),
            ("صفاقس", EntityType::Loc, &["صفاقس"]),
        ],
    )];
    check_with_entities(ROWS);
}

/// A description of a body (المنظمة الحقوقية الدولية) speaks for the body named before right
/// after the same noun (منظمة "هيومن رايتس ووتش"), even where the description was tagged a name.
#[test]
fn a_bodys_description_names_the_body_introduced_with_its_noun() {
    const ROWS: &[(Attribution, Entities)] = &[(
        Attribution {
            text: "دعت منظمة \"هيومن رايتس ووتش\" السلطات التونسية في بيان إلى إجراء تحقيق في \
                   وفاة موقوفين اثنين. وقالت المنظمة الحقوقية الدولية إن أهالي الرجلين قدموا صورا \
                   تظهر كدمات على وجهيهما.",
            expect: &[
                ("إجراء تحقيق في وفاة", Some("هيومن رايتس ووتش")),
                ("أهالي الرجلين قدموا صورا", Some("هيومن رايتس ووتش")),
            ],
        },
        &[
            ("هيومن رايتس ووتش", EntityType::Org, &["هيومن رايتس ووتش"]),
            (
                "المنظمة الحقوقية الدولية",
                EntityType::Org,
                &["المنظمة الحقوقية الدولية"],
            ),
        ],
    )];
    check_with_entities(ROWS);
}

/// على أن one or two words after a verb of saying is the verb's complement (شدد على أن), also
/// after a name the tagger does not know, and after a comma right after the verb.
#[test]
fn ala_an_after_a_short_subject() {
    let text = "وأكد أحمد زروق أن الكتابة تعمل. وشدد زورق على أنه لم يتم حل سوى جمعية واحدة من \
                بين 38 طلب حل.";
    let quotes = find_quotes(text, &[]);
    let q = find(text, &quotes, "لم يتم حل سوى جمعية");
    assert_eq!(q.speaker.as_deref(), Some("زورق"), "{quotes:#?}");
    assert_eq!(q.kind, QuoteKind::Indirect);

    let text = "قال أمين ماتي إن الاقتصاد يتعافى. وشدد، ماتي على ان صندوق النقد الدولي يدعم \
                الاصلاحات.";
    // (The surname names the earlier speaker.)
    assert_speaker(text, &[], "صندوق النقد الدولي يدعم", "أمين ماتي");
}

/// The name after a comma that follows whom the speaker told (لموفد "الجوهرة أف أم"، فضلوني
/// يعيش،) is the correspondent's, not the speaker's: the speaker is the one before.
#[test]
fn the_correspondents_name_is_not_the_speaker() {
    let text = "قال نائب حركة النهضة بولاية سوسة، العجمي الوريمي، إن النهضة تخطط للانفتاح. \
                وأوضح لموفد \"الجوهرة أف أم\"، فضلوني يعيش، أن الحركة ستنفتح على الكفاءات.";
    assert_speaker(text, &[], "الحركة ستنفتح على الكفاءات", "العجمي الوريمي");
}

/// A purpose after a comma (لمواكبة الندوة الصحفية) is not the speaker's name in apposition;
/// an adverb may stand between a participle and its أن (مضيفا أيضا أن).
#[test]
fn a_purpose_is_no_name_and_an_adverb_no_break() {
    let text = "وأفادت مبعوثة الإذاعة، لمواكبة الندوة الصحفية التي عقدها الاتحاد اليوم، أن حوالي \
                40 مترشحا تقدموا لعضوية المكتب التنفيذي.";
    assert_speaker(text, &[], "حوالي 40 مترشحا", "مبعوثة الإذاعة");

    let text = "وقال عبد المجيد الدريدي إنه تم تقديم شكاية بمقر مركز الأمن، مضيفا أيضا أن إدارة \
                المدرسة فوجئت بشكوى ضد المدير.";
    assert_speaker(text, &[], "إدارة المدرسة فوجئت", "عبد المجيد الدريدي");
}

/// «تصريحات لـX …، قال فيها إن»: the author named with the document speaks, not the subject of
/// the sentence before.
#[test]
fn the_author_named_with_a_statement_speaks_in_it() {
    let text = "ونشرت وزارة الشؤون الدينية بيانا. وجاء البيان بعد تصريحات لوزير الشؤون الدينية \
                عبد الجليل سالم، الخميس خلال جلسة استماع بالبرلمان، قال فيها إن \"المدرسة \
                الوهابية هي سبب الصراع\".";
    assert_speaker(text, &[], "المدرسة الوهابية", "عبد الجليل سالم");
}

/// A bare definite noun (الوزارة) is the earlier speaker whose name opens with it, also for a
/// noun that starts with و (وزارة, وكالة), which is no conjunction.
#[test]
fn a_bare_noun_names_the_body_whose_name_opens_with_it() {
    let text = "أعلنت وزارة الدفاع الوطني في بلاغ لها أنه تم تسليمهم إلى فرقة الحرس الوطني \
                بالشوشة. وذكّرت الوزارة بأن عدد الأفراد الذين تم إيقافهم بلغ 23 فردا.";
    let entities = [
        entity(
            text,
            "وزارة الدفاع الوطني",
            EntityType::Org,
            &["وزارة الدفاع الوطني"],
        ),
        entity(text, "الحرس الوطني", EntityType::Org, &["الحرس الوطني"]),
    ];
    assert_speaker(text, &entities, "عدد الأفراد الذين", "وزارة الدفاع الوطني");
}

/// «"…"، وإن …» after a quotation: a second reported clause under the same verb, the same
/// speaker's.
#[test]
fn a_second_clause_after_a_quotation_is_the_same_speakers() {
    let text = "واعتبر النائب فيصل التبيني أن الوضع خطير، متابعا \"إن هناك نواب مع الإرهاب\"، وإن \
                من رفض المصادقة على الفصل لا يريد مقاومة الإرهاب.";
    let quotes = find_quotes(text, &[]);
    let q = find(text, &quotes, "من رفض المصادقة");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(q.speaker.as_deref(), Some("فيصل التبيني"), "{quotes:#?}");
    assert!(quoted(text, q).starts_with("من رفض"), "{quotes:#?}");
}

/// باسم written with its hamza (بإسم) is still "on behalf of"; a demonstrative standing for the
/// verb's object (ذلك بالقول) is not the speaker's name.
#[test]
fn spokesman_with_hamza_and_a_demonstrative_object() {
    let text = "واعتذرت الشبكة عن الصور، وأوضح المتحدث بإسم الشبكة ذلك بالقول \"نحن نعتذر لكل من \
                لديه حساسية تجاه مثل هذه المواضيع\".";
    assert_speaker(text, &[], "نحن نعتذر", "المتحدث بإسم الشبكة");
}

/// ودعت الجمعية في بيان لها، الاربعاء، الى …: commas may set off a day after the occasion, and
/// the bare noun names the body introduced with it (جمعية "فورزا تونس").
#[test]
fn a_call_after_an_occasion_and_a_day() {
    let text = "وطالبت جمعية \"فورزا تونس\" بسحب الثقة من النائبة. وكان مجلس نواب الشعب قد ناقش \
                القانون. ودعت الجمعية في بيان لها، الاربعاء، الى \"التسريع في إعطاء التونسيين من \
                الديانة اليهودية حقوقهم الكاملة\".";
    let entities = [
        entity(text, "فورزا تونس", EntityType::Org, &["فورزا تونس"]),
        entity(
            text,
            "مجلس نواب الشعب",
            EntityType::Org,
            &["مجلس نواب الشعب"],
        ),
    ];
    assert_speaker(text, &entities, "التسريع في إعطاء", "فورزا تونس");
}

/// A conjunction typed apart from its verb (و تحدث الشاذلي) still opens the sentence whose
/// subject the next speech verb (وأضاف) takes.
#[test]
fn a_detached_conjunction_opens_the_sentence() {
    let text = "استضافت قناة فرنسية امس اللاعب السابق للمنتخب عادل الشاذلي.\n\
                و تحدث الشاذلي عن عديد التجاوزات التي حصلت من لاعبي المنتخب. وأضاف ان عددا من \
                اللاعبين قضوا ليلتهم في أحد العلب الليلية.";
    let entities = [entity(
        text,
        "عادل الشاذلي",
        EntityType::Pers,
        &["عادل الشاذلي", "الشاذلي"],
    )];
    assert_speaker(text, &entities, "عددا من اللاعبين", "عادل الشاذلي");
}

/// لدى inside a title goes on to the name (كاتب الدولة لدى وزير النقل X); عن goes on only
/// after a word that takes it (المسؤول عن, النائب عن), not after a verb's subject (وأعلن
/// الوزير عن برنامج …، موضحا أن: the minister named before).
#[test]
fn prepositions_inside_a_title() {
    let text = "قال كاتب الدولة لدى وزير النقل هشام بن أحمد إنه سيتم قريبا إطلاق طلب العروض.";
    let entities = [entity(
        text,
        "هشام بن أحمد",
        EntityType::Pers,
        &["هشام بن أحمد"],
    )];
    assert_speaker(text, &entities, "سيتم قريبا", "هشام بن أحمد");

    let text = "وقال النائب عن حركة النهضة محمد بن سالم إن الحكومة فشلت.";
    let entities = [
        entity(text, "حركة النهضة", EntityType::Org, &["حركة النهضة"]),
        entity(text, "محمد بن سالم", EntityType::Pers, &["محمد بن سالم"]),
    ];
    assert_speaker(text, &entities, "الحكومة فشلت", "محمد بن سالم");

    let text = "أشرف صباح اليوم وزير تكنولوجيات الاتصال أنور معروف على تظاهرة. وقال معروف إن \
                المبادرة تندرج ضمن استراتيجية الدولة. وأعلن الوزير عن برنامج \"القيروان سمارت \
                سيتي\"، لجعل القيروان مدينة ذكية، موضحا أن البرنامج سيمكن من تحكم ذكي.";
    let entities = [
        // (The tagger's error on the real article: a verb and a noun taken for a name.)
        entity(text, "أشرف صباح", EntityType::Pers, &["أشرف صباح"]),
        entity(
            text,
            "أنور معروف",
            EntityType::Pers,
            &["أنور معروف", "معروف"],
        ),
    ];
    assert_speaker(text, &entities, "البرنامج سيمكن", "أنور معروف");
}

/// A quotation opening mid-sentence and closed by «، حسب المتحدث ذاته» is the quoted words of
/// the speaker named before.
#[test]
fn quoted_words_of_the_same_speaker() {
    let text = "وقال وزير العدل طه الشابي إن الوزارة انتهت من المشروع. وسيمكن هذا المشروع، \
                \"مستهلك المخدرات قبل اكتشاف الجريمة، من طلب اتباع نظام علاجي\"، حسب المتحدث ذاته.";
    let entities = [entity(text, "طه الشابي", EntityType::Pers, &["طه الشابي"])];
    let quotes = find_quotes(text, &entities);
    let q = find(text, &quotes, "مستهلك المخدرات");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(
        quoted(text, q),
        "مستهلك المخدرات قبل اكتشاف الجريمة، من طلب اتباع نظام علاجي"
    );
    assert_eq!(q.speaker.as_deref(), Some("طه الشابي"));
}

/// A trade unionist named once (الكاتب العام المساعد للنقابة طاهر ذاكر) is the one «النقابي»
/// means later.
#[test]
fn the_unionist_named_before() {
    let text = "وأكد الكاتب العام المساعد للنقابة طاهر ذاكر أن الوزارة لم تلتزم بالاتفاق. ودعا \
                النقابي إلى احترام هذا الاتفاق، معتبرا ان عدم تفعيله سيؤدي إلى توتير المناخ \
                الاجتماعي.";
    let entities = [entity(text, "طاهر ذاكر", EntityType::Pers, &["طاهر ذاكر"])];
    assert_speaker(text, &entities, "عدم تفعيله", "طاهر ذاكر");
}

/// بين with a person named right after it, opening its clause, is the verb بيّن however far
/// its أن; after بيني it is the preposition, twice.
#[test]
fn bayyana_with_a_named_subject() {
    let text = "وأكد الناطق باسم وزارة الدفاع بلحسن الوسلاتي انفجار لغم.\n\
                وبين الوسلاتي في تصريح لوكالة تونس إفريقيا للأنباء أن اثنين من العسكريين أصيبا \
                على مستوى الرجل.";
    let entities = [entity(
        text,
        "بلحسن الوسلاتي",
        EntityType::Pers,
        &["بلحسن الوسلاتي", "الوسلاتي"],
    )];
    assert_speaker(text, &entities, "اثنين من العسكريين", "بلحسن الوسلاتي");

    let text = "ونجحت التجربة بيني وبين عز الدين، وقررت أن أسير وحدي في الطريق الذي رسمته لنفسي.";
    let entities = [entity(text, "عز الدين", EntityType::Pers, &["عز الدين"])];
    let quotes = find_quotes(text, &entities);
    assert!(quotes.is_empty(), "{quotes:#?}");
}

/// A straight mark touching a sentence's punctuation with none open closes a quotation whose
/// opening was never typed: it opens nothing, and the next mark, after a colon, opens a direct
/// quotation (here never closed either: it runs to its sentence's end).
#[test]
fn a_stray_closing_mark_opens_nothing() {
    let text = "وأكد الحارس وين شو أن مواجهة فريق كبير يعد إنجازا\". وأضاف شو: \"قد تحدث المفاجأة \
                ونفوز في المقابلة.";
    let entities = [entity(text, "وين شو", EntityType::Pers, &["وين شو", "شو"])];
    let quotes = find_quotes(text, &entities);
    let q = find(text, &quotes, "قد تحدث");
    assert_eq!(q.kind, QuoteKind::Direct, "{quotes:#?}");
    assert!(quoted(text, q).starts_with("قد تحدث المفاجأة ونفوز"));
}

/// A definite description after one person's quotations, with no other person named from his
/// last one to the end, is that person described anew; not when another is named later.
#[test]
fn a_description_of_the_one_who_spoke() {
    let text = "أعلن الدكتور مكرم حشلاف أنه سيتم تنظيم تظاهرة تحسيسية. وفي سياق متصل، أفاد \
                الطبيب المتخصص في أمراض السرطان أنه سيتم تنظيم تظاهرة ضد التدخين.";
    let entities = [entity(text, "مكرم حشلاف", EntityType::Pers, &["مكرم حشلاف"])];
    assert_speaker(text, &entities, "ضد التدخين", "مكرم حشلاف");

    let text = "وقال باراك أوباما إن الاتفاق جيد. وقال الرئيس الروسي إن بلاده ترحب، وهو ما أكده \
                فلاديمير بوتين أمس.";
    let entities = [
        entity(text, "باراك أوباما", EntityType::Pers, &["باراك أوباما"]),
        entity(text, "فلاديمير بوتين", EntityType::Pers, &["فلاديمير بوتين"]),
    ];
    let quotes = find_quotes(text, &entities);
    let q = find(text, &quotes, "بلاده ترحب");
    assert_ne!(q.speaker.as_deref(), Some("باراك أوباما"), "{quotes:#?}");
}

/// بيّن written with its shadda is the verb wherever it stands, whatever follows it.
#[test]
fn bayyana_with_its_shadda() {
    let text = "وبيّن المدير الجهوي للحماية المدنية بسوسة في تصريح هاتفي للجوهرة أف أم، أن \
                الحادث وقع في تقاطع الطريق مع السكة.";
    let quotes = find_quotes(text, &[]);
    let q = find(text, &quotes, "الحادث وقع");
    assert_eq!(q.kind, QuoteKind::Indirect);
}

/// An attribution opening the sentence and closed by a comma before a speech verb only names
/// the medium: the verb's own subject speaks (ووفقا لوسائل إعلام إيرانية، أكد مسؤول حكومي أن).
#[test]
fn a_fronted_medium_before_a_speech_verb() {
    let text = "ووفقا لوسائل إعلام إيرانية، أكد مسؤول حكومي في طهران أن الدولة فتحت مجالاتها \
                الجوية أمام خطوط الطيران القطرية.";
    assert_speaker(text, &[], "الدولة فتحت", "مسؤول حكومي");
}

/// ل(وات): a lone ل before a medium in brackets is who was told, like لوات; the speaker is
/// the phrase before it.
#[test]
fn a_bracketed_medium_is_who_was_told() {
    let text = "قررت كتلة الحرة عقد الأيام البرلمانية، وفق ما صرح به رئيس كتلة الحرة ل(وات) \
                والذي أشار أيضا إلى أن اجتماع اليوم يندرج في إطار الإعداد للدورة البرلمانية.";
    assert_speaker(text, &[], "اجتماع اليوم", "رئيس كتلة الحرة");
    let text = "وقال رئيس الجمعية ل(وات) إن الوضع صعب.";
    assert_speaker(text, &[], "الوضع صعب", "رئيس الجمعية");
}

/// A call participle's إلى with no object between (داعيا إلى تفعيل …) introduces the call, as
/// after an object (داعيا المستشهرين إلى …); before a quotation the quoted words are the call.
#[test]
fn a_call_participle_right_before_ila() {
    let text = "وقال المدير إن المشروع تأخر، داعيا إلى تفعيل مختلف الاتفاقيات المبرمة.";
    assert_speaker(text, &[], "تفعيل مختلف الاتفاقيات", "المدير");
    let text = "وقال المدير إن المشروع تأخر، داعيا إلى \"تفعيل مختلف الاتفاقيات المبرمة\".";
    let quotes = find_quotes(text, &[]);
    let q = find(text, &quotes, "تفعيل مختلف");
    assert_eq!(q.kind, QuoteKind::Direct, "{quotes:#?}");
}

/// A fronted attribution taken up by فقد reports the clause after it, as with a comma or فإن;
/// not when it names a text (ووفق القانون فقد).
#[test]
fn a_fronted_attribution_taken_up_by_faqad() {
    let text = "وبحسب مراسلنا فقد ادى انقلاب سيارة عسكرية الى اصابة 9 عسكريين.";
    let quotes = find_quotes(text, &[]);
    let q = find(text, &quotes, "انقلاب سيارة");
    assert!(quoted(text, q).starts_with("ادى انقلاب"), "{quotes:#?}");
    assert_eq!(q.speaker.as_deref(), Some("مراسلنا"));
    assert!(find_quotes("ووفق القانون فقد تم ايقاف المشتبه به.", &[]).is_empty());
}

/// «…، تضيف ذات الصحيفة.»: a present verb of saying after a comma, with only its subject to
/// the sentence's end, reports the sentence before the comma; ذات الصحيفة, with no one quoted
/// before, is the newspaper introduced with its noun. A past verb there starts a clause of its
/// own (وفيما اعترف ياسين بذلك، نفى جبريل الأمر).
#[test]
fn a_trailing_attribution() {
    let text = "نقلا عن صحيفة \"أوغسبورغر ألغماينه\" الألمانية. فالشيب لا يتسبب في أمراض القلب. ما \
                هنالك هو أن الشيب وأمراض القلب لديهما نفس المسببات، تضيف ذات الصحيفة.";
    let entities = [entity(
        text,
        "أوغسبورغر ألغماينه",
        EntityType::Org,
        &["أوغسبورغر ألغماينه"],
    )];
    let quotes = find_quotes(text, &entities);
    let q = find(text, &quotes, "نفس المسببات");
    assert_eq!(
        quoted(text, q),
        "ما هنالك هو أن الشيب وأمراض القلب لديهما نفس المسببات"
    );
    assert_eq!(q.speaker.as_deref(), Some("أوغسبورغر ألغماينه"));

    let text = "وفيما اعترف ياسين بذلك، نفى جبريل الأمر.";
    let entities = [
        entity(text, "ياسين", EntityType::Pers, &["ياسين"]),
        entity(text, "جبريل", EntityType::Pers, &["جبريل"]),
    ];
    assert!(find_quotes(text, &entities).is_empty());
}

/// يذكر أن X، ممثلة …، دعت: a verb after a comma whose subject opens the clause after أن,
/// set off by an apposition (إلا أن محمد سعد رئيس الامتحانات في مصر، أكد …).
#[test]
fn a_subject_after_an_before_its_apposition() {
    let text = "وقال سفيان السليطي إن القاضي تعهد بالملف. يذكر أن سامية عبو ممثلة حزب التيار \
                الديمقراطي في البرلمان، دعت خلال جلسة عامة يوم 16 سبتمبر الجاري، إلى فتح تحقيق \
                حول الإشتباه في تلقي عدد من النواب لأموال.";
    let entities = [
        entity(text, "سفيان السليطي", EntityType::Pers, &["سفيان السليطي"]),
        entity(text, "سامية عبو", EntityType::Pers, &["سامية عبو"]),
    ];
    assert_speaker(text, &entities, "فتح تحقيق", "سامية عبو");
}

/// وأفاد المكلف بمهمة بوزارة التجارة، لطفي خذير، أن: a person's name between commas right
/// after a phrase the lexicon does not know for a title speaks, not the ministry in that
/// phrase; the same phrase without the name is the speaker as written.
#[test]
fn a_name_in_apposition_after_an_unknown_title() {
    let text = "وأفاد المكلف بمهمة بوزارة التجارة، لطفي خذير، أن هذا التراجع يمثل أعلى نسبة.";
    let entities = [
        entity(text, "وزارة التجارة", EntityType::Org, &["وزارة التجارة"]),
        entity(text, "لطفي خذير", EntityType::Pers, &["لطفي خذير"]),
    ];
    assert_speaker(text, &entities, "هذا التراجع", "لطفي خذير");
    let text = "وأفاد المكلف بمهمة بوزارة التجارة، أمس، أن هذا التراجع يمثل أعلى نسبة.";
    let entities = [entity(
        text,
        "وزارة التجارة",
        EntityType::Org,
        &["وزارة التجارة"],
    )];
    let quotes = find_quotes(text, &entities);
    let q = find(text, &quotes, "هذا التراجع");
    assert_ne!(q.speaker.as_deref(), Some("أمس"), "{quotes:#?}");
}

/// من جهته، استعرض X …. وقال إن: a sentence that turns to another actor (من جهته, من جانبه,
/// بدوره) makes him the subject a following bare verb of saying goes on with, not the one
/// quoted before; a title goes on through لدى (كاتب الدولة لدى وزير الخارجية، X،).
#[test]
fn a_bare_verb_after_a_sentence_turning_to_another_actor() {
    let text = "وقال السفير هايل الفاهوم إن فلسطين تحيي هذه الذكرى. من جهته استعرض كاتب الدولة \
                لدى وزير الشؤون الخارجية، صبري الباش طبجي، مناقب الشهيد ياسر عرفات. وقال إن \
                هذه الذكرى فرصة لاستحضار المسيرة البطولية.";
    let entities = [
        entity(text, "هايل الفاهوم", EntityType::Pers, &["هايل الفاهوم"]),
        entity(
            text,
            "صبري الباش طبجي",
            EntityType::Pers,
            &["صبري الباش طبجي"],
        ),
        entity(text, "ياسر عرفات", EntityType::Pers, &["ياسر عرفات"]),
    ];
    assert_speaker(text, &entities, "فلسطين تحيي", "هايل الفاهوم");
    assert_speaker(text, &entities, "فرصة لاستحضار", "صبري الباش طبجي");
    // Without the turn, the bare verb goes on with the one quoted before.
    let text = "وقال السفير هايل الفاهوم إن فلسطين تحيي هذه الذكرى. واستعرض الحاضرون مناقب \
                الشهيد ياسر عرفات. وقال إن هذه الذكرى فرصة لاستحضار المسيرة البطولية.";
    let entities = [
        entity(text, "هايل الفاهوم", EntityType::Pers, &["هايل الفاهوم"]),
        entity(text, "ياسر عرفات", EntityType::Pers, &["ياسر عرفات"]),
    ];
    assert_speaker(text, &entities, "فرصة لاستحضار", "هايل الفاهوم");
}

/// وأبرز وزير الخارجية أهمية الاتفاقيات, كما أكد حرص بلاده: a verbal noun a verb of saying
/// takes for its object ends the subject, and is never itself taken for a speaker a later
/// role noun (وأفاد المصدر) could go back to.
#[test]
fn a_verbal_noun_object_is_no_speaker() {
    let text = "وأعلنت وزارة الشؤون الخارجية أن الوزير استقبل نظيره. كما أكد حرص بلاده \
                المتواصل على مزيد تطويره. وأفاد المصدر بأن الوزيرين أجريا قبل ذلك محادثة.";
    let entities = [entity(
        text,
        "وزارة الشؤون الخارجية",
        EntityType::Org,
        &["وزارة الشؤون الخارجية"],
    )];
    let quotes = find_quotes(text, &entities);
    assert!(
        quotes
            .iter()
            .all(|q| !q.speaker.as_deref().unwrap_or("").contains("حرص")),
        "{quotes:#?}"
    );
    assert_speaker(text, &entities, "الوزيرين أجريا", "وزارة الشؤون الخارجية");
}

/// نفت اليوم الخميس النائبة ألفة السكري الشريف وجود …. وقالت أنه: the subject of the
/// sentence before comes after a time, ends before the verbal noun the verb takes (وجود), and
/// ألفة (a name, written with a hamza the article never has) is no definite word of a title;
/// a manner participle after a verb of saying (وتابعت مفسرة أن) is no subject.
#[test]
fn a_name_after_a_time_and_a_title() {
    for text in [
        "نفت النائبة ألفة السكري الشريف وجود شبهة فساد. وقالت أنه تم ضبط شروط للتمويل.",
        "نفت اليوم الخميس النائبة ألفة السكري الشريف وجود شبهة فساد. وقالت أنه تم ضبط شروط \
         للتمويل.",
    ] {
        assert_speaker(text, &[], "تم ضبط شروط", "ألفة السكري الشريف");
    }
    // The name the tagger missed is still the subject, not the verb's object, where the
    // object is named further on (the article has other names).
    let text = "نفت اليوم النائبة ألفة السكري الشريف، أحد أعضاء لجنة المالية، وجود شبهة فساد. \
                وقالت أنه تم ضبط شروط للتمويل.";
    let entities = [entity(
        text,
        "لجنة المالية",
        EntityType::Org,
        &["لجنة المالية"],
    )];
    assert_speaker(text, &entities, "تم ضبط شروط", "ألفة السكري الشريف");
    let text = "وأكدت المسؤولة آمال الثابتي أن التعديل ضروري. وتابعت مفسرة ان الاستثناء يشمل \
                شريحة الحرفاء المنزليين.";
    let entities = [entity(
        text,
        "آمال الثابتي",
        EntityType::Pers,
        &["آمال الثابتي"],
    )];
    assert_speaker(text, &entities, "الاستثناء يشمل", "آمال الثابتي");
}

/// عضو النقابة بدوار هيشر، طارق العليبي: the name in apposition speaks, even where the tagger
/// took the place after ب in the title for a person.
#[test]
fn a_title_whose_place_was_tagged_a_person() {
    let text = "وقال عضو النقابة الاساسية للتعليم الثانوي بدوار هيشر، طارق العليبي في تصريح \
                لوكالة الأنباء إنه تم التفطن صباح اليوم إلى الحادثة.";
    let entities = [
        entity(text, "دوار هيشر", EntityType::Pers, &["بدوار هيشر"]),
        entity(text, "طارق العليبي", EntityType::Pers, &["طارق العليبي"]),
    ];
    assert_speaker(text, &entities, "تم التفطن", "طارق العليبي");
}

/// وكان الرئيس الأمريكي يتحدث أمام حشد … عندما قال "…": the present verb after the title is
/// the clause's verb, never the speaker's name; the title speaks.
#[test]
fn a_present_verb_after_a_title_is_no_name() {
    let text =
        "وكان الرئيس الأمريكي يتحدث أمام حشد سياسي عندما قال \"انظروا إلى ما يحدث في ألمانيا\".";
    assert_speaker(text, &[], "انظروا إلى", "الرئيس الأمريكي");
}

/// A place speaks only as the head of its phrase (وأكدت تونس); a place inside a description
/// (حاكم ولاية تكساس, شقيق أحد البحارة المحتجزين بليبيا) says where, and the description
/// speaks.
#[test]
fn a_place_inside_the_speakers_phrase_is_not_the_speaker() {
    let text = "وقال حاكم ولاية تكساس إن العسكريين يجب أن يتمتعوا بالقدرة على الدفاع عن أنفسهم.";
    let entities = [entity(text, "تكساس", EntityType::Loc, &["تكساس"])];
    let quotes = find_quotes(text, &entities);
    let q = find(text, &quotes, "العسكريين");
    assert_eq!(q.speaker.as_deref(), Some("حاكم ولاية تكساس"), "{quotes:#?}");
    let text = "وأكدت تونس أنها ستواصل دعم المبادرة.";
    let entities = [entity(text, "تونس", EntityType::Loc, &["تونس"])];
    assert_speaker(text, &entities, "ستواصل دعم", "تونس");
}

/// «…، إذ قال: …»: إذ («as», «since») opens a clause whose verb goes on with the sentence's
/// subject; it is never the speaker.
#[test]
fn idh_before_a_verb_of_saying_is_no_speaker() {
    let text = "وبرر المستثمر سعود الطوالة الأسعار الموضوعة خلال العيد، إذ أكد أن التكاليف العامة \
                ارتفعت بشكل كبير.";
    let entities = [entity(
        text,
        "سعود الطوالة",
        EntityType::Pers,
        &["سعود الطوالة"],
    )];
    assert_speaker(text, &entities, "التكاليف العامة", "سعود الطوالة");
}

/// مسؤول أمني، طلب عدم ذكر اسمه، …: the clause that withholds a source's name describes the
/// speaker; «اسمه» was taken for the speaker, or the clause kept in his name.
#[test]
fn an_anonymous_source_is_the_speaker_not_his_name() {
    for text in [
        "وقال مسؤول أمني، طلب عدم ذكر اسمه، إن الهجوم استهدف مركزا للشرطة.",
        "ونقلت وكالة رويترز عن مسؤول أمني طلب عدم الكشف عن اسمه قوله إن الهجوم استهدف مركزا \
         للشرطة.",
    ] {
        assert_speaker(text, &[], "الهجوم استهدف", "مسؤول أمني");
    }
}

/// وأوضح معالي وزير العدل الشيخ وليد بن محمد الصمعاني أن …. وأكد معاليه أن …: معالي, سمو,
/// فضيلة, سماحة are honorifics before a title or a name, and معاليه, سموه stand for the
/// dignitary just named; neither is a speaker's name.
#[test]
fn honorifics_are_titles_and_stand_for_the_dignitary() {
    let text = "وأوضح معالي وزير العدل الشيخ وليد بن محمد الصمعاني أن الأمر الكريم يأتي في سياق \
                الدعم المتواصل. وأكد معاليه أن التعيينات ستسهم في سرعة البت في القضايا.";
    let entities = [entity(
        text,
        "وليد بن محمد الصمعاني",
        EntityType::Pers,
        &["وليد بن محمد الصمعاني"],
    )];
    assert_speaker(text, &entities, "الأمر الكريم", "وليد بن محمد الصمعاني");
    assert_speaker(text, &entities, "التعيينات ستسهم", "وليد بن محمد الصمعاني");
}

/// وأكد هذا الناطق باسم القوات أن …: the demonstrative is no part of the speaker's name; alone
/// (ويشير هذا إلى أن …) it names no one.
#[test]
fn a_demonstrative_is_no_speaker() {
    let text = "وقال العقيد محمد السعدي إن الوضع هادئ. وأكد هذا المسؤول أن المتمردين ما زالوا \
                ينتشرون في الحي.";
    let entities = [entity(
        text,
        "محمد السعدي",
        EntityType::Pers,
        &["محمد السعدي"],
    )];
    let quotes = find_quotes(text, &entities);
    let q = find(text, &quotes, "المتمردين");
    assert!(
        !q.speaker.as_deref().unwrap_or("").starts_with("هذا"),
        "{quotes:#?}"
    );
    let text = "ويشير هذا إلى أن النفط الخام متوافر لدى التنظيم.";
    assert!(find_quotes(text, &[]).is_empty());
}

/// سائلاً الله, ساخرًا, أخيرًا: a word with the fatha tanween is circumstantial, never a name;
/// صرح بذلك X: «by that» is the verb's object and X the subject, but بهذا الصدد names no one.
#[test]
fn tanween_and_by_that_are_no_names() {
    let text =
        "وقال بنجامين هول إن الكتاب يروي قصصا. وأضاف ساخرًا أن «الدواعش من الداخل» عنوان مناسب.";
    let entities = [entity(
        text,
        "بنجامين هول",
        EntityType::Pers,
        &["بنجامين هول"],
    )];
    assert_speaker(text, &entities, "الدواعش من الداخل", "بنجامين هول");
    let text = "صرح بذلك وكيل الوزارة لشؤون المساجد الدكتور توفيق السديري الذي بين أنه تم توزيع \
                الموسوعة على الخطباء.";
    let entities = [entity(
        text,
        "توفيق السديري",
        EntityType::Pers,
        &["توفيق السديري"],
    )];
    assert_speaker(text, &entities, "تم توزيع", "توفيق السديري");
    let text = "وقال بهذا الصدد إن الوطن أحوج لتلك المؤسسات.";
    assert!(find_quotes(text, &[])
        .iter()
        .all(|q| q.speaker.as_deref() != Some("الصدد")));
}

/// وأوضح بيان صادر عن المجلس, بيان الأمانة العامة: a statement speaks for the body that
/// issued it.
#[test]
fn a_statement_speaks_for_its_issuer() {
    let text = "وأوضح بيان صادر عن مجلس المقاومة الشعبية أن الدورية كانت في طريقها إلى تعز.";
    let entities = [entity(
        text,
        "مجلس المقاومة الشعبية",
        EntityType::Org,
        &["مجلس المقاومة الشعبية"],
    )];
    assert_speaker(text, &entities, "الدورية كانت", "مجلس المقاومة الشعبية");
    let text = "وذكر بيان الأمانة العامة أن حجم المتقدمين للجوائز يعزز مكانتها.";
    assert_speaker(text, &[], "حجم المتقدمين", "الأمانة العامة");
}

/// قالت حينها, في مايو (أيار), أعلن الأسبوع الماضي: a time after the verb says when, never
/// who; وتابع أعتقد أن: a verb in the first person opens the words said; وأضاف سعادته: the
/// honorific stands for the one just named.
#[test]
fn times_first_person_verbs_and_honorifics_are_no_speakers() {
    let text = "وقال الأمين العام للجامعة عبد الرحمن العتيبي إن المكتبة مفتوحة للجميع. وأضاف \
                سعادته بأن المكتبة تحتوي على الكثير من الكتب. وتابع أعتقد أن الإقبال سيزداد.";
    let entities = [entity(
        text,
        "عبد الرحمن العتيبي",
        EntityType::Pers,
        &["عبد الرحمن العتيبي"],
    )];
    assert_speaker(text, &entities, "المكتبة تحتوي", "عبد الرحمن العتيبي");
    assert_speaker(text, &entities, "الإقبال سيزداد", "عبد الرحمن العتيبي");
    let text = "وقالت المصممة ماريا غراتسيا إن المجموعة جديدة. وكانت قد قالت حينها إنها وليدة \
                رغبة في التجديد.";
    let entities = [entity(
        text,
        "ماريا غراتسيا",
        EntityType::Pers,
        &["ماريا غراتسيا"],
    )];
    assert_speaker(text, &entities, "وليدة رغبة", "ماريا غراتسيا");
    for text in [
        "وقال جنرال منشق شارك في محاولة انقلاب في مايو (أيار) إنه يعبئ القوات.",
        "وكان الوزير قد أعلن الأسبوع الماضي أن المفاوضات ستستأنف.",
    ] {
        assert!(
            find_quotes(text, &[]).iter().all(|q| !matches!(
                q.speaker.as_deref(),
                Some("أيار" | "الأسبوع" | "الأسبوع الماضي")
            )),
            "{text}"
        );
    }
}

/// ووفقا للمصادر العسكرية: لل is ل + ال, so the speaker is المصادر العسكرية (not لمصادر).
#[test]
fn lam_lam_before_a_speaker_is_the_article() {
    let text = "ووفقا للمصادر العسكرية فإن المتطرفين استولوا على كميات من الأسلحة.";
    assert_speaker(text, &[], "المتطرفين استولوا", "المصادر العسكرية");
}

/// وقال عدد من مستفيدي هذه الفعاليات إن …: the من of a quantity goes on to whom it counts.
#[test]
fn a_number_of_people_speak_as_one_phrase() {
    let text = "وقال عدد من سكان الحي إن تكدس النفايات سبب لهم الكثير من الإزعاج.";
    assert_speaker(text, &[], "تكدس النفايات", "عدد من سكان الحي");
}

/// المتهم الذي قالت الشرطة إنه متشدد; ما أكد عليه المندلاوي أن …: a relative clause's speech
/// verb with a subject of its own reports what that subject said.
#[test]
fn a_relative_clause_with_its_own_subject_reports_it() {
    let text = "وتم القبض على المتهم الذي قالت الشرطة إنه متشدد ومعروف لديها.";
    assert_speaker(text, &[], "متشدد", "الشرطة");
    let text = "وهو ما أكد عليه عقيل المندلاوي أن دار الأزياء تسعى لمواكبة الطلبات.";
    let entities = [entity(
        text,
        "عقيل المندلاوي",
        EntityType::Pers,
        &["عقيل المندلاوي"],
    )];
    assert_speaker(text, &entities, "دار الأزياء", "عقيل المندلاوي");
}

/// انتقد السياسي الطاهر بن حسين الحملة. وقال إن …: the person a sentence opens on may come
/// after a defined word that describes him.
#[test]
fn the_opening_actor_may_follow_a_description() {
    let text = "انتقد السياسي الطاهر بن حسين الحملة التي أطلقها رئيس حزب الزيتونة. وقال إن \
                ما يقوم به يعتبر تعديا على الحريات العامة.";
    let entities = [entity(
        text,
        "الطاهر بن حسين",
        EntityType::Pers,
        &["الطاهر بن حسين"],
    )];
    assert_speaker(text, &entities, "تعديا على", "الطاهر بن حسين");
}

/// يذكر أن النقابة قد دعت بالتنسيق مع … إلى: where the words after the verb open with a
/// preposition, the subject before the verb is the speaker.
#[test]
fn a_prepositional_phrase_after_the_verb_leaves_the_subject_before_it() {
    let text = "وقال شهود عيان إن عددا من الأشخاص كانوا على متن سيارة. يذكر أن النقابة الوطنية \
                لقوات الأمن الداخلي بالمنستير قد دعت بالتنسيق مع مكونات المجتمع المدني إلى \
                تنظيم وقفة احتجاجية.";
    let entities = [entity(
        text,
        "النقابة الوطنية",
        EntityType::Org,
        &["النقابة الوطنية"],
    )];
    assert_speaker(text, &entities, "تنظيم وقفة", "النقابة الوطنية");
}

/// مدير المهرجان المغاربي "للولي الصالح سيدي علي بن عون"، مفتاح وناسي: words in marks that
/// open with لل after a defined noun are the rest of its name, not a quotation.
#[test]
fn marks_opening_on_lam_lam_complete_a_name() {
    let text = "نفى مدير المهرجان المغاربي \"للولي الصالح سيدي علي بن عون\"، مفتاح وناسي صحة \
                الخبر الذي نقلته بعض وسائل الإعلام.";
    assert!(
        find_quotes(text, &[]).is_empty(),
        "{:#?}",
        find_quotes(text, &[])
    );
}

/// وأضافت after قال الوزير: the verb agrees with its subject, so the pronoun means the last
/// speaker introduced by a feminine verb; a verb that agrees with a statement (كشفت تصريحات
/// لـ X) or a relay (نقلت وكالة X عن Y) says nothing of the speaker's gender.
#[test]
fn a_pronoun_verb_agrees_with_its_speaker() {
    let text = "وقالت الناطقة باسم الوزارة سميرة مرعي إن الوباء تراجع. وقال وزير الصحة محمد \
                صالح بن عمار إن الحملة متواصلة. وأضافت أن المستشفيات جاهزة. وأضاف أن اللقاحات \
                وصلت.";
    let entities = [
        entity(text, "سميرة مرعي", EntityType::Pers, &["سميرة مرعي"]),
        entity(
            text,
            "محمد صالح بن عمار",
            EntityType::Pers,
            &["محمد صالح بن عمار"],
        ),
    ];
    assert_speaker(text, &entities, "المستشفيات جاهزة", "سميرة مرعي");
    assert_speaker(text, &entities, "اللقاحات وصلت", "محمد صالح بن عمار");
    let text = "وقال ترابير إن العقد مهم. وكشفت تصريحات لوزير الدفاع الفرنسي جان إيف لودريان عن \
                أن الطائرات ستساعد مصر، موضحا أن القناة تحتاج إلى التأمين.";
    let entities = [
        entity(text, "ترابير", EntityType::Pers, &["ترابير"]),
        entity(
            text,
            "جان إيف لودريان",
            EntityType::Pers,
            &["جان إيف لودريان"],
        ),
    ];
    assert_speaker(text, &entities, "القناة تحتاج", "جان إيف لودريان");
}

/// انتقد بشدة الأمين العام للاتحاد نور الدين الطبوبي …. وقال إن …: the person a sentence
/// opens on may follow an adverb and a title of a few words.
#[test]
fn the_opening_actor_may_follow_an_adverb_and_a_title() {
    let text = "انتقد بشدة الأمين العام للاتحاد العام التونسي للشغل نور الدين الطبوبي اليوم أي \
                مسؤول يتعمد إهانة المربين. وقال في تصريح صحفي إن مشاكل القطاع لا تحل بالخطابات.";
    let entities = [
        entity(
            text,
            "الاتحاد العام التونسي للشغل",
            EntityType::Org,
            &["الاتحاد العام التونسي للشغل"],
        ),
        entity(
            text,
            "نور الدين الطبوبي",
            EntityType::Pers,
            &["نور الدين الطبوبي"],
        ),
    ];
    assert_speaker(text, &entities, "مشاكل القطاع", "نور الدين الطبوبي");
}

/// … لكن قائد شرطة الولاية قال إن: a particle opens the clause whose subject precedes its
/// verb; المصدر ذاته is the last speaker that noun named, whoever was named since.
#[test]
fn a_particle_opens_a_subject_first_clause_and_the_same_source_is_found_by_its_noun() {
    let text = "وقال متحدث عسكري إن انتحاريتين قتلتا تسعة أشخاص. لكن قائد شرطة ولاية يوبي قال إن \
                ثلاث انتحاريات فجرن أنفسهن.";
    assert_speaker(text, &[], "ثلاث انتحاريات", "قائد شرطة ولاية يوبي");
    let text = "وقال الرئيس ميشيل بلاتيني إن الترشح قريب. وقال مصدر قريب من الاتحاد إن أربعة \
                اتحادات ستدعمه. ولم يعلن بلاتيني نيته بعد لكن المصدر ذاته قال إنه سيقرر خلال أيام.";
    let entities = [entity(
        text,
        "ميشيل بلاتيني",
        EntityType::Pers,
        &["ميشيل بلاتيني", "بلاتيني"],
    )];
    assert_speaker(text, &entities, "سيقرر خلال", "مصدر قريب من الاتحاد");
}

/// الضوء على أبرز المتغيرات, مع توقع المستثمرين أن: after a preposition a word of saying is a
/// noun or an adjective (أبرز: the most prominent), never a cue; علي after a name is a name.
#[test]
fn a_word_after_a_preposition_is_no_verb_of_saying() {
    let text = "توقعت الشركة في تقريرها، الذي سلطت فيه الضوء على أبرز المتغيرات والمؤشرات \
                المتوقعة، أن يتراجع الطلب.";
    assert!(
        find_quotes(text, &[])
            .iter()
            .all(|q| q.speaker.as_deref() != Some("المتغيرات والمؤشرات المتوقعة")),
        "{:#?}",
        find_quotes(text, &[])
    );
    let text = "وعن الفرق بين المخرجين محمد علي قالت هيفاء وهبي إن الأول عنيد.";
    let entities = [entity(
        text,
        "هيفاء وهبي",
        EntityType::Pers,
        &["هيفاء وهبي"],
    )];
    assert_speaker(text, &entities, "الأول عنيد", "هيفاء وهبي");
    // من طرف طالب: طالب is a student, not طالَبَ (called for); the dean goes on speaking.
    let text = "وقال العميد عبد الكريم العبيدي إنه اضطر لتأجيل الامتحانات بسبب تهديدات من طرف \
                طالب \"معتصم\" استقدم منحرفين إلى الكلية. وأوضح أن هذا الطالب معتصم بالكلية.";
    let entities = [entity(
        text,
        "عبد الكريم العبيدي",
        EntityType::Pers,
        &["عبد الكريم العبيدي"],
    )];
    assert_speaker(text, &entities, "هذا الطالب", "عبد الكريم العبيدي");
    assert!(
        find_quotes(text, &entities)
            .iter()
            .all(|q| !quoted(text, q).starts_with("الكلية")),
        "{:#?}",
        find_quotes(text, &entities)
    );
}

/// وأكد مراسل الجوهرة "اف ام" أنيس الكناسي أن …: the marked words finish the outlet's name and
/// the person after them, its correspondent, speaks.
#[test]
fn a_person_after_an_outlet_name_in_marks_speaks() {
    let text = "وأكد مراسل الجوهرة \"اف ام\" أنيس الكناسي أن بعض الأساتذة لم يلتزموا بالإضراب.";
    let entities = [
        entity(text, "اف ام", EntityType::Org, &["اف ام"]),
        entity(text, "أنيس الكناسي", EntityType::Pers, &["أنيس الكناسي"]),
    ];
    assert_speaker(text, &entities, "بعض الأساتذة", "أنيس الكناسي");
}

/// وأفاد خلال قيامه بزيارة إلى صفاقس أن …: ب glued to a noun the lexicon knows (بزيارة,
/// بمناسبة) is a complement, not a name; the previous speaker goes on.
#[test]
fn a_preposition_glued_to_a_noun_is_no_speaker() {
    let text = "وقال الوزير عبيد البريكي إن البحث جار. وأفاد خلال قيامه، مساء الأربعاء، بزيارة إلى \
                صفاقس، أن البحث يسير بنسق سريع.";
    let entities = [entity(
        text,
        "عبيد البريكي",
        EntityType::Pers,
        &["عبيد البريكي"],
    )];
    assert_speaker(text, &entities, "بنسق سريع", "عبيد البريكي");
}

/// أفاد الناطق الرسمي باسم وزارة الدفاع، المقدم بلحسن الوسلاتي، أن …: the person named after a
/// rank in apposition to a title speaks.
#[test]
fn a_ranked_name_in_apposition_speaks() {
    let text = "أفاد الناطق الرسمي باسم وزارة الدفاع الوطني، المقدم بلحسن الوسلاتي، أن خافرة \
                تابعة لجيش البحر أنقذت 11 مهاجرا.";
    let entities = [
        entity(
            text,
            "وزارة الدفاع الوطني",
            EntityType::Org,
            &["وزارة الدفاع الوطني"],
        ),
        entity(text, "بلحسن الوسلاتي", EntityType::Pers, &["بلحسن الوسلاتي"]),
    ];
    assert_speaker(text, &entities, "خافرة تابعة", "بلحسن الوسلاتي");
}

/// وبحسب "الألمانية"، فقد ذكر بيان لوزارة التجارة أن …: after فقد a verb with its own subject
/// speaks (the fronted attribution names the medium), and a statement ل a body speaks for
/// it; وصرحت كل من شركة X وشركة Y بأن: those named speak, not «كل».
#[test]
fn a_verb_after_faqad_and_each_of_those_named_speak() {
    let text = "وبحسب \"الألمانية\"، فقد ذكر بيان لوزارة التجارة والصناعة الكورية، أن المباحثات \
                انطلقت اليوم.";
    let entities = [entity(
        text,
        "وزارة التجارة",
        EntityType::Org,
        &["وزارة التجارة"],
    )];
    assert_speaker(text, &entities, "المباحثات انطلقت", "وزارة التجارة");
    let text = "وصرحت كل من شركة «كود فايتس»، وشركة «أمبليتيود»، بأن عدد المستثمرين وصل إلى 30.";
    let quotes = find_quotes(text, &[]);
    let q = find(text, &quotes, "عدد المستثمرين");
    assert_ne!(q.speaker.as_deref(), Some("كل"), "{quotes:#?}");
    assert!(
        q.speaker.as_deref().unwrap_or("").contains("كود فايتس"),
        "{quotes:#?}"
    );
}

/// وطبقا للتقرير توقعت الهيئة أن …: a speech verb right after the attribution's phrase, with no
/// comma between, has its own subject, who speaks; but in بحسب ما قال X the verb is the
/// attribution's own.
#[test]
fn a_verb_right_after_an_attribution_speaks() {
    let text = "وطبقا للتقرير توقعت الهيئة أن يتزايد حجم الاستثمارات في القطاع.";
    let quotes = find_quotes(text, &[]);
    let q = find(text, &quotes, "يتزايد حجم");
    assert_eq!(q.speaker.as_deref(), Some("الهيئة"), "{quotes:#?}");
    let text = "وبحسب ما قال الوزير محمد الطاهر، فإن الحكومة ستعلن القرار غدا.";
    let entities = [entity(
        text,
        "محمد الطاهر",
        EntityType::Pers,
        &["محمد الطاهر"],
    )];
    assert_speaker(text, &entities, "الحكومة ستعلن", "محمد الطاهر");
}

/// يقول الناطق X - حسب وكالة الصحافة الفرنسية - إن …: an attribution between dashes names the
/// medium; X speaks.
#[test]
fn an_attribution_between_dashes_names_the_medium() {
    let text = "يقول الناطق باسم المقاومة علي الأحمدي - حسب وكالة الصحافة الفرنسية - إن «مقاتلي \
                المقاومة نجحوا في السيطرة على الحي».";
    // (The agency tagged, the person not: as the shipped tagger reads this sentence.)
    let agency = |text: &str| {
        [entity(
            text,
            "وكالة الصحافة الفرنسية",
            EntityType::Org,
            &["وكالة الصحافة الفرنسية"],
        )]
    };
    let quotes = find_quotes(text, &agency(text));
    let q = find(text, &quotes, "مقاتلي المقاومة");
    assert_ne!(
        q.speaker.as_deref(),
        Some("وكالة الصحافة الفرنسية"),
        "{quotes:#?}"
    );
    let text = "وذكر مصدر عسكري - حسب وكالة الصحافة الفرنسية: «المقاومة تتقدم باتجاه القصر».";
    assert_speaker(text, &agency(text), "المقاومة تتقدم", "مصدر عسكري");
}

/// وأصيب أصدقاء عبد العزيز بصدمة، وقالوا إنه …: a plural verb never means one person; with no
/// plural subject found, the words are left without a speaker rather than given to him.
#[test]
fn a_plural_verb_never_means_one_person() {
    let text = "وقال محمد عبد العزيز إن الهجوم مفاجئ. وأصيب أصدقاء عبد العزيز بصدمة مما حدث، \
                وقالوا إنه كان هادئا.";
    let entities = [entity(
        text,
        "محمد عبد العزيز",
        EntityType::Pers,
        &["محمد عبد العزيز", "عبد العزيز"],
    )];
    let quotes = find_quotes(text, &entities);
    assert!(
        quotes
            .iter()
            .filter(|q| quoted(text, q).contains("كان هادئا"))
            .all(|q| q.speaker.as_deref() != Some("محمد عبد العزيز")),
        "{quotes:#?}"
    );
    // A singular verb still goes on with him.
    let text = "وقال محمد عبد العزيز إن الهجوم مفاجئ. وأضاف أنه كان هادئا.";
    let entities = [entity(
        text,
        "محمد عبد العزيز",
        EntityType::Pers,
        &["محمد عبد العزيز"],
    )];
    assert_speaker(text, &entities, "كان هادئا", "محمد عبد العزيز");
}

/// قالت النائبة … ورئيسة لجنة التحقيق في تسفير الشباب إلى بؤر التوتر المقالة ليلى الشتاوي، إن:
/// the titles run on past في and إلى to the person named right before the clause, who
/// speaks; a person spoken to is no speaker.
#[test]
fn a_person_closing_a_long_subject_speaks() {
    let text = "قالت النائبة بمجلس نواب الشعب ورئيسة لجنة التحقيق في تسفير الشباب إلى بؤر التوتر \
                المقالة ليلى الشتاوي، إن إقالتها استهداف للجنة.";
    let entities = [
        entity(text, "لجنة التحقيق", EntityType::Org, &["لجنة التحقيق"]),
        entity(text, "ليلى الشتاوي", EntityType::Pers, &["ليلى الشتاوي"]),
    ];
    assert_speaker(text, &entities, "إقالتها استهداف", "ليلى الشتاوي");
    let text = "وقال وزير الخارجية في اتصال هاتفي لنظيره الأمريكي جون كيري، إن الحل سياسي.";
    let entities = [entity(text, "جون كيري", EntityType::Pers, &["جون كيري"])];
    let quotes = find_quotes(text, &entities);
    assert!(
        quotes
            .iter()
            .all(|q| q.speaker.as_deref() != Some("جون كيري")),
        "{quotes:#?}"
    );
}

/// مدير تسجيل وسياقة العربات: a feminine or plural noun joined by و to a title's complement
/// is still the title, and the name after it speaks; a first name after و (وليد) is a name.
#[test]
fn a_noun_joined_to_a_titles_complement_is_the_title() {
    let text = "وقال مدير التكوين وسلامة المنشآت بالوزارة كمال الهمامي إن الدورات ستنطلق قريبا.";
    assert_speaker(text, &[], "الدورات ستنطلق", "كمال الهمامي");
    let text = "وأكد رئيس اللجنة المنظمة وليد الفي أن العروض حازت استحسان الزوار.";
    assert_speaker(text, &[], "العروض حازت", "وليد الفي");
}

/// Marks that open on the complementiser (أكد X، الإثنين، خلال لقاء …، "أن …") enclose the
/// verb's reported clause however far the verb is; marks far from it around anything else are
/// the object's (a title, a term).
#[test]
fn marks_opening_on_an_are_the_reported_clause_however_far() {
    let text = "أكد وزير التجارة محسن حسن، الإثنين، خلال لقاء جمعه بوفد من صندوق النقد الدولي \
                بمقر الوزارة \"أن تونس تعمل حاليا على مراجعة منظومة الدعم برمتها\".";
    let entities = [entity(text, "محسن حسن", EntityType::Pers, &["محسن حسن"])];
    assert_speaker(text, &entities, "تونس تعمل حاليا", "محسن حسن");
}

/// A title repeated with a slip of typing (جميعة for جمعية) names the earlier speaker who
/// carried it, even where the tagger found no name in that speaker's phrase.
#[test]
fn a_mistyped_title_names_the_speaker_it_was_given_to() {
    let text = "قالت رئيسة جمعية القضاة التونسيين، روضة القرافي، في تصريح للإذاعة، إن القضاء \
                ما يزال تابعا. وأضافت رئيسة جميعة القضاة أن الإصلاح يتطلب إرادة سياسية.";
    // The tagger found the association and the radio, not the judge.
    let entities = [entity(
        text,
        "جمعية القضاة التونسيين",
        EntityType::Org,
        &["جمعية القضاة التونسيين"],
    )];
    assert_speaker(text, &entities, "القضاء ما يزال تابعا", "روضة القرافي");
    assert_speaker(text, &entities, "الإصلاح يتطلب", "روضة القرافي");
}

/// A name the attribution reads right beside a person's title, which the tagger left
/// untagged, is a person of the article: its mentions are found and later quotations link to
/// it. Descriptions and phrases of common words beside a title are not names.
#[test]
fn a_name_beside_a_title_is_a_person() {
    let persons = |text: &str| -> Vec<String> {
        khabar_nlp::annotate_with(text, None, &[])
            .entities
            .into_iter()
            .filter(|e| e.ty == EntityType::Pers)
            .map(|e| e.name)
            .collect()
    };
    let text = "قالت رئيسة جمعية القضاة التونسيين، روضة القرافي، إن القضاء ما يزال تابعا. وأضافت \
                القرافي أن الإصلاح يتطلب إرادة سياسية. والتقت روضة القرافي بوزير العدل.";
    assert_eq!(persons(text), ["روضة القرافي"]);
    let notes = khabar_nlp::annotate_with(text, None, &[]);
    let q = find(text, &notes.quotes, "الإصلاح يتطلب");
    assert_eq!(q.speaker.as_deref(), Some("روضة القرافي"));
    assert!(q.entity.is_some(), "{q:#?}");
    // A description, and common words after a title, name no one.
    for text in [
        "وقال مصدر أمني رفيع إن الوحدات أوقفت المشتبه بهم.",
        "وقال دبلوماسي غربي كبير إن الاتفاق قريب.",
        "وقال وزير الخارجية دول الخليج إن الحل سياسي.",
    ] {
        assert!(persons(text).is_empty(), "{text}: {:?}", persons(text));
    }
}

/// عاهل (a monarch) is a title: the bare title later names the king given it.
#[test]
fn a_monarchs_title_names_the_king() {
    let text = "قال العاهل الأردني الملك عبد الله الثاني إن القضية الفلسطينية مركزية. وأضاف \
                العاهل الأردني أن تأخر الحل يغذي التطرف.";
    let entities = [entity(
        text,
        "عبد الله الثاني",
        EntityType::Pers,
        &["عبد الله الثاني"],
    )];
    assert_speaker(text, &entities, "تأخر الحل", "عبد الله الثاني");
}

/// A place after ب at the end of a title is the post's place (المدير الجهوي بسوسة: the
/// regional director in Sousse), part of the title, not the speaker.
#[test]
fn a_place_in_a_title_is_not_the_speaker() {
    // (The tagger's mention of the place takes its ب with it.)
    let text = "وقال المدير الجهوي بسوسة إن المراقبة متواصلة.";
    let entities = [entity(text, "سوسة", EntityType::Loc, &["بسوسة"])];
    let quotes = find_quotes(text, &entities);
    let q = find(text, &quotes, "المراقبة متواصلة");
    assert_eq!(
        q.speaker.as_deref(),
        Some("المدير الجهوي بسوسة"),
        "{quotes:#?}"
    );
    let text = "وقال المدير الجهوي بسوسة محمد الطرابلسي إن المراقبة متواصلة.";
    let entities = [
        entity(text, "سوسة", EntityType::Loc, &["سوسة"]),
        entity(
            text,
            "محمد الطرابلسي",
            EntityType::Pers,
            &["محمد الطرابلسي"],
        ),
    ];
    assert_speaker(text, &entities, "المراقبة متواصلة", "محمد الطرابلسي");
}

/// «For its part» (من جهته) between the verb and its subject closes nothing: the subject after
/// it speaks, not the previous speaker.
#[test]
fn for_its_part_stands_before_the_subject() {
    let text = "وبين بلاتيني أنه ينوي التفرغ للدفاع عن براءته. وأعلن من جهته الاتحاد الأوروبي \
                لكرة القدم أنه لن يعين رئيسا مؤقتا.";
    let entities = [
        entity(text, "بلاتيني", EntityType::Pers, &["بلاتيني"]),
        entity(
            text,
            "الاتحاد الأوروبي لكرة القدم",
            EntityType::Org,
            &["الاتحاد الأوروبي لكرة القدم"],
        ),
    ];
    assert_speaker(
        text,
        &entities,
        "لن يعين رئيسا",
        "الاتحاد الأوروبي لكرة القدم",
    );
}

/// عند (upon) ends the speaker's phrase, as في does: what follows is when, not who.
#[test]
fn upon_ends_the_speaker_phrase() {
    let text = "وقال الوزير إن الوضع صعب. وقد اعترف هذا العنصر عند التحقيق معه بأنه يخفي كتبا \
                ذات منحى تكفيري.";
    assert_speaker(text, &[], "يخفي كتبا", "العنصر");
}

/// A feminine noun right after a masculine verb is the verb's object (the ministry is asked,
/// the body is called on); a plural of people in ة is still the subject.
#[test]
fn a_feminine_noun_after_a_masculine_verb_is_its_object() {
    let text = "وقال نجيم بالضياف إن القرار ظالم. وطالب الوزارة برد الاعتبار له، قائلا إن هناك \
                تراتيب إدارية تتبع.";
    let entities = [entity(
        text,
        "نجيم بالضياف",
        EntityType::Pers,
        &["نجيم بالضياف"],
    )];
    assert_speaker(text, &entities, "تراتيب إدارية", "نجيم بالضياف");
    let text = "وقال الأمين العام زهير المغزاوي إن الحكومة فشلت. ودعا الهيئة العليا للانتخابات \
                إلى \"الانتباه لمثل هذه المؤشرات\".";
    let entities = [entity(
        text,
        "زهير المغزاوي",
        EntityType::Pers,
        &["زهير المغزاوي"],
    )];
    assert_speaker(text, &entities, "الانتباه لمثل", "زهير المغزاوي");
    let text = "وقال الوزير إن الامتحانات في موعدها. ودعا الطلبة إلى \"مقاطعة الامتحانات\".";
    assert_speaker(text, &[], "مقاطعة الامتحانات", "الطلبة");
}

/// Quotation marks right after إلى that close the call are a direct quotation of the marked
/// words, not the start of a clause that runs on into the next call.
#[test]
fn marks_after_a_call_are_a_direct_quotation() {
    let text = "ودعا الحزب الهيئة إلى \"الانتباه لمثل هذه المؤشرات\"، كما دعا الأحزاب إلى \
                \"العمل على انتخابات نزيهة\".";
    let quotes = find_quotes(text, &[]);
    let q = find(text, &quotes, "الانتباه");
    assert_eq!(quoted(text, q), "الانتباه لمثل هذه المؤشرات", "{quotes:#?}");
    assert_eq!(q.kind, QuoteKind::Direct);
}

/// A body's noun names the earlier speaker whose phrase opened with it, even where that
/// speaker's name does not (موقع سبورتس داي … الموقع); a kin's phrase speaks as the kin.
#[test]
fn a_bodys_noun_names_the_speaker_its_phrase_introduced() {
    let text = "أكد موقع سبورتس داي النيجيري أن النادي مهتم بخدمات المهاجم. وبين الموقع أن \
                اللاعب سيصل قريبا.";
    let entities = [entity(text, "سبورتس داي", EntityType::Org, &["سبورتس داي"])];
    assert_speaker(text, &entities, "سيصل قريبا", "سبورتس داي");
    let text = "وتوفي السائق جول بيانكي في مستشفى نيس. وقالت عائلة بيانكي في بيان \"قاوم جول \
                بقوة حتى النهاية\". وأضافت العائلة \"نشعر بألم كبير لا يمكن وصفه\".";
    let entities = [entity(
        text,
        "جول بيانكي",
        EntityType::Pers,
        &["جول بيانكي", "بيانكي"],
    )];
    assert_speaker(text, &entities, "قاوم جول", "عائلة بيانكي");
    assert_speaker(text, &entities, "نشعر بألم", "عائلة بيانكي");
    // Followers, and the majority of them, speak as such too.
    let text = "واغتيل شكري بلعيد سنة 2013. واعتبر غالبية انصار بلعيد أن هذا التكريم يحمل \
                تقزيما لذكرى اغتياله.";
    let entities = [entity(
        text,
        "شكري بلعيد",
        EntityType::Pers,
        &["شكري بلعيد", "بلعيد"],
    )];
    assert_speaker(text, &entities, "هذا التكريم", "غالبية انصار بلعيد");
}

/// A name that starts with ب (بوجمعة, بلحسن) is a subject like any other, not a verb's
/// prepositional object; and a person's name followed by a long description of him speaks.
#[test]
fn names_that_start_with_ba_and_long_descriptions() {
    let text = "حذر اليوم الاثنين بوجمعة الرميلي عضو الهيئة السياسية لحزب حركة نداء تونس، من \
                خطورة الأزمة. واعتبر أن الأمر خطير وغريب.";
    let entities = [entity(
        text,
        "بوجمعة الرميلي",
        EntityType::Pers,
        &["بوجمعة الرميلي"],
    )];
    assert_speaker(text, &entities, "خطير وغريب", "بوجمعة الرميلي");
    let text = "قال جابر الحويج بوهلال شقيق محمد الحويج بوهلال المتهم بتنفيذ هجوم نيس في تصريح \
                للإذاعة اليوم إن والده سيسافر غدا إلى فرنسا.";
    let entities = [
        entity(
            text,
            "جابر الحويج بوهلال",
            EntityType::Pers,
            &["جابر الحويج بوهلال"],
        ),
        entity(text, "محمد الحويج", EntityType::Pers, &["محمد الحويج"]),
        entity(text, "نيس", EntityType::Org, &["نيس"]),
    ];
    assert_speaker(text, &entities, "والده سيسافر", "جابر الحويج بوهلال");
}

/// A verb that does not agree with the last speaker, joined to a clause with a subject of its
/// own, goes on with that subject (the statement noun after it is its object).
#[test]
fn a_disagreeing_verb_goes_on_with_its_clauses_subject() {
    let text = "وقال بيو في رسالة إلى النقابة: \"هذه صورة أفضل\". من جهتها وضعت النقابة بيانا في \
                صفحتها على الفيسبوك وقالت: \"هذه الصورة بعثها إلينا السيد بيو\".";
    let entities = [entity(text, "بيو", EntityType::Pers, &["بيو"])];
    assert_speaker(text, &entities, "هذه الصورة بعثها", "النقابة");
}

/// A short name set off by commas after a title is the titled person's, even where the tagger
/// missed it: the verb's object comes after it, and a later bare title names that person.
#[test]
fn a_name_between_commas_after_a_title_is_kept() {
    let text = "نفى اليوم الأربعاء المندوب الجهوي للتربية بمدنين، رحومة المحضاوي، اتهامات \
                بالعنصرية في حق تلاميذ جربة.\nوأكد المسؤول الجهوي أنه يفند قاطعا هذه الاتهامات.";
    let entities = [
        entity(text, "مدنين", EntityType::Loc, &["مدنين"]),
        entity(text, "جربة", EntityType::Loc, &["جربة"]),
    ];
    assert_speaker(text, &entities, "يفند قاطعا", "رحومة المحضاوي");
}

/// A second title in apposition between the first and the name (رئيس الجمعية …، الخبير
/// المحاسب، محمد مقديش): the name is who speaks, not the first title.
#[test]
fn a_second_title_in_apposition_before_the_name() {
    let text = "قال رئيس الجمعية التونسية لعلوم الزكاة، الخبير المحاسب، محمد مقديش إن مجموع \
                الأموال التي يمكن تجميعها من الزكاة كبير.";
    let entities = [
        entity(
            text,
            "الجمعية التونسية لعلوم الزكاة",
            EntityType::Org,
            &["الجمعية التونسية لعلوم الزكاة"],
        ),
        entity(text, "محمد مقديش", EntityType::Pers, &["محمد مقديش"]),
    ];
    assert_speaker(text, &entities, "مجموع الأموال", "محمد مقديش");
}

/// A newspaper named in brackets after the ل of the interview it gave (في حوار لصحيفة (بيلد))
/// was told, and does not speak: the minister does.
#[test]
fn a_bracketed_medium_after_the_one_told_does_not_speak() {
    let text = "حذر وزير التنمية الألماني غيرد مولر من موجة لجوء ضخمة. واعتبر الوزير الألماني في \
                حوار لصحيفة (بيلد أم سونتاغ) الألمانية في عددها اليوم الأحد، أن الوضع في أفريقيا \
                سيكون حاسما.";
    let entities = [
        entity(text, "غيرد مولر", EntityType::Pers, &["غيرد مولر"]),
        entity(text, "بيلد أم سونتاغ", EntityType::Org, &["بيلد أم سونتاغ"]),
    ];
    assert_speaker(text, &entities, "الوضع في أفريقيا", "غيرد مولر");
}

/// A person called by nationality alone (وأضاف السويسري) is the last person quoted; a
/// relative adjective that is not a nationality is a family name (وقال الخيالي), not him.
#[test]
fn a_nationality_alone_names_the_last_person_quoted() {
    let text = "قال رئيس الفيفا السابق جوزيف بلاتر إن الاختيار كان سياسيا. وأضاف السويسري أنه \
                لم يكن سعيدا بإسناد المونديال إلى قطر.";
    let entities = [
        entity(text, "جوزيف بلاتر", EntityType::Pers, &["جوزيف بلاتر"]),
        entity(text, "قطر", EntityType::Loc, &["قطر"]),
    ];
    assert_speaker(text, &entities, "لم يكن سعيدا", "جوزيف بلاتر");
    let text = "قالت زهرة آدم إن ثمانية أفراد قتلوا. وقال الخيالي إن الاشتباكات تفجرت قبل أيام.";
    let entities = [entity(text, "زهرة آدم", EntityType::Pers, &["زهرة آدم"])];
    let quotes = find_quotes(text, &entities);
    let q = find(text, &quotes, "الاشتباكات تفجرت");
    assert_ne!(q.speaker.as_deref(), Some("زهرة آدم"), "{quotes:#?}");
}

/// في المقابل، ردّ X …: the sentence turns to another actor, and the next bare وأوضح is his.
#[test]
fn in_contrast_turns_to_the_next_actor() {
    let text = "وكان بالضياف قد أكد في تصريح سابق أنه لم يتلق أي قرار رسمي. في المقابل، ردّ فريد \
                الحامدي، قيّم عام، على التهم الموجهة له. وأوضح أنه وقع تجييش تلاميذ المؤسسة.";
    let entities = [
        entity(text, "بالضياف", EntityType::Pers, &["بالضياف"]),
        entity(text, "فريد الحامدي", EntityType::Pers, &["فريد الحامدي"]),
    ];
    assert_speaker(text, &entities, "وقع تجييش", "فريد الحامدي");
}

/// A bare title whose head only one person was given earlier (زعيمة حزب … مارين لوبان, then
/// زعيمة اليمين المتطرف) names that person.
#[test]
fn a_title_head_given_to_one_person_names_her() {
    let text = "غادرت زعيمة حزب الجبهة الوطنية اليميني الفرنسي مارين لوبان اليوم الاستوديو. \
                وطالبت زعيمة اليمين المتطرف خلال لقاء اليوم بإستقالة الوزير قائلة \"لو كانوا \
                يملكون قليلا من الشرف عليهم أن يستقيلوا\".";
    let entities = [
        entity(
            text,
            "حزب الجبهة الوطنية",
            EntityType::Org,
            &["حزب الجبهة الوطنية"],
        ),
        entity(text, "مارين لوبان", EntityType::Pers, &["مارين لوبان"]),
    ];
    assert_speaker(text, &entities, "من الشرف", "مارين لوبان");
}

/// وقال بحسب ما نقلته صحف عبرية إن …: the words after the verb say where the words were
/// reported; the speaker is the verb's own subject, not «بحسب».
#[test]
fn an_attribution_after_the_verb_is_not_its_subject() {
    let text = "تفاعل الرئيس الاسرائيلي رؤوفين ريفلين مع ضحايا الهجوم. وقال بحسب ما نقلته صحف \
                عبرية إن اسرائيل دولة قامت على اثر الهولوكست.";
    let entities = [entity(
        text,
        "رؤوفين ريفلين",
        EntityType::Pers,
        &["رؤوفين ريفلين"],
    )];
    assert_speaker(text, &entities, "دولة قامت", "رؤوفين ريفلين");
}

/// قبل أن يشير: «…»: a present verb after قبل أن, a colon at once after it, is the clause's
/// own verb of saying; with words between (قبل أن يعترف بحنينه إلى «…») the marks are its
/// object, no quotation.
#[test]
fn a_verb_after_before_that_opens_a_quotation_with_its_colon() {
    let text = "وقال بلاتر إن الاختيار كان سياسيا. قبل أن يشير: \"أنتم تعلمون لماذا لم يذهب \
                المونديال للولايات المتحدة\".";
    let entities = [entity(text, "بلاتر", EntityType::Pers, &["بلاتر"])];
    assert_speaker(text, &entities, "أنتم تعلمون", "بلاتر");
    let text = "كتب الشاعر عن طفولته قبل أن يعترف بحنينه إلى «ذلك الزمن الذي كنا نكد فيه كي \
                نعثر على قصيدة».";
    let quotes = find_quotes(text, &[]);
    assert!(quotes.is_empty(), "{quotes:#?}");
}

/// ونفت الجامعة ما ورد في بيان …، مشيرة أن …: the subject's name ends before ما, what the
/// verb denied.
#[test]
fn a_subject_ends_before_what_its_verb_denied() {
    let text = "أصدرت الجامعة التونسية لكرة القدم اليوم بلاغا. ونفت الجامعة ما ورد في بيان \
                التلفزة الوطنية الصادر مؤخرا مشيرة أن رئيس مصلحة الرياضة قد وجه مراسلة للجامعة.";
    let entities = [entity(
        text,
        "الجامعة التونسية لكرة القدم",
        EntityType::Org,
        &["الجامعة التونسية لكرة القدم"],
    )];
    assert_speaker(
        text,
        &entities,
        "رئيس مصلحة الرياضة",
        "الجامعة التونسية لكرة القدم",
    );
}

/// وقالت ميركل في مستهل كلمة لها …، خلال جلسة حضرها X، رئيس …: «…»: a named subject right
/// after the verb, then a long occasion naming other people, up to a colon and the marks: the
/// subject's words. A participle on the way (قائلا) takes them itself.
#[test]
fn a_named_subject_speaks_after_a_long_occasion_and_a_colon() {
    let text = "وقالت ميركل في مستهل كلمة لها أمام البرلمان الألماني (البندستاغ)، خلال جلسة عامة \
                حضر جانبا منها، محمد الناصر، رئيس مجلس نواب الشعب الذي يؤدي حاليا زيارة عمل إلى \
                برلين بدعوة من نظيره الألماني نوربار لامار، رئيس البندستاغ: \"سوف نساند بلادكم في \
                طريقها الصعب\".";
    let entities = [
        entity(text, "أنجيلا ميركل", EntityType::Pers, &["ميركل"]),
        entity(text, "محمد الناصر", EntityType::Pers, &["محمد الناصر"]),
        entity(text, "نوربار لامار", EntityType::Pers, &["نوربار لامار"]),
        entity(text, "برلين", EntityType::Loc, &["برلين"]),
    ];
    assert_speaker(text, &entities, "سوف نساند", "أنجيلا ميركل");
    let quotes = find_quotes(text, &entities);
    assert_eq!(quotes.len(), 1, "{quotes:#?}");
}

/// A participle's subject is its sentence's, not the last speaker where that speaker is named
/// only in a complement of the sentence (ووصف X الذي يرافق غابريال …، داعيا).
#[test]
fn a_last_speaker_named_in_a_complement_is_not_the_participles_subject() {
    let text = "وقال غابريال في بيان إن الاتفاق يرسي الأساس لعلاقات اقتصادية طبيعية. ووصف رئيس \
                الغرفة التجارية الألمانية ايرك شفيتزر الذي يرافق غابريال، الزيارة بأنها إشارة \
                مشجعة للشركات، داعيا إلى منح الشركات الألمانية حماية قانونية لاستثماراتها.";
    let entities = [
        entity(text, "سيغمار غابريال", EntityType::Pers, &["غابريال"]),
        entity(text, "ايرك شفيتزر", EntityType::Pers, &["ايرك شفيتزر"]),
        entity(
            text,
            "الغرفة التجارية الألمانية",
            EntityType::Org,
            &["الغرفة التجارية الألمانية"],
        ),
    ];
    assert_speaker(text, &entities, "منح الشركات", "ايرك شفيتزر");
}

/// وذكر نفس المصدر أنه …: «the same source» with no source before it (a scraper lost the
/// sentence that named it) still speaks, as «المصدر», and the pronoun verb after it is the
/// same source; a word after an honorific (طالب سموه بالعودة) is not a speaker.
#[test]
fn the_same_source_with_nothing_before_it() {
    let text = "تمكّن أعوان فرقة الشرطة العدلية مساء أمس الاثنين من ضبط خلية تكفيرية حسب ما أفاد \
                به اليوم.\nوذكر نفس المصدر أنه تمّ التوصّل الى معلومات حول تحركات أحد الشبان. \
                وأوضح أنه بالإطلاع على مضمون الوصيّة تبيّن أنها تتضمّن رسالة وداع لعائلته.";
    let quotes = find_quotes(text, &[]);
    assert_speaker(text, &[], "معلومات حول تحركات", "المصدر");
    let q = find(text, &quotes, "مضمون الوصيّة");
    assert_eq!(q.speaker.as_deref(), Some("المصدر"), "{quotes:#?}");

    let text = "وقد جاء المقال موضحاً لحقيقة الإسلام حيث طالب سموه بالعودة إلى أصل الإسلام ومعينه \
                الصافي والتمسك به.";
    assert!(find_quotes(text, &[]).is_empty());
}

/// وقالت المدعية العامة للمحكمة الجنائية الدولية فاتو بنسودا …: the woman's form of a title
/// is a title as the man's is, so the name after it speaks, not the title.
#[test]
fn a_title_in_its_feminine_form() {
    let text = "وقالت المدعية العامة للمحكمة الجنائية الدولية فاتو بنسودا في جلسة لمجلس الأمن \
                الدولي أمس الأربعاء إن القذافي لا يزال محتجزا في الزنتان.";
    let entities = [
        entity(
            text,
            "المحكمة الجنائية الدولية",
            EntityType::Org,
            &["المحكمة الجنائية الدولية"],
        ),
        entity(text, "فاتو بنسودا", EntityType::Pers, &["فاتو بنسودا"]),
        entity(
            text,
            "مجلس الأمن الدولي",
            EntityType::Org,
            &["مجلس الأمن الدولي"],
        ),
    ];
    assert_speaker(text, &entities, "محتجزا في الزنتان", "فاتو بنسودا");
}

/// وأكد لمراسلة الجوهرة أف أم، خميس قسيلة، القيادي في …، أن: a name after the medium told
/// is the speaker's when his office follows it in apposition (a reporter's name is not given
/// a title); the participle after «بحسب ما أكده» with the same phrase is his too.
#[test]
fn a_name_after_the_medium_told_with_its_office_after_it() {
    let text = "وأكد لمراسلة الجوهرة أف أم، خميس قسيلة، القيادي في حركة نداء تونس، أن الباب مفتوح \
                أمام بقية أطياف المشهد السياسي.";
    let entities = [
        entity(text, "الجوهرة أف أم", EntityType::Org, &["الجوهرة أف أم"]),
        entity(text, "خميس قسيلة", EntityType::Pers, &["خميس قسيلة"]),
        entity(text, "حركة نداء تونس", EntityType::Org, &["حركة نداء تونس"]),
    ];
    assert_speaker(text, &entities, "الباب مفتوح", "خميس قسيلة");

    let text = "وتضم هذه الجبهة كلا من حركة مشروع تونس، والاتحاد الوطني الحر، بحسب ما أكده لمراسلة \
                الجوهرة أف أم، خميس قسيلة، القيادي في حركة نداء تونس، مضيفا أن الباب مفتوح أمام \
                بقية أطياف المشهد السياسي.";
    let entities = [
        entity(
            text,
            "حركة مشروع تونس",
            EntityType::Org,
            &["حركة مشروع تونس"],
        ),
        entity(
            text,
            "الاتحاد الوطني الحر",
            EntityType::Org,
            &["الاتحاد الوطني الحر"],
        ),
        entity(text, "الجوهرة أف أم", EntityType::Org, &["الجوهرة أف أم"]),
        entity(text, "خميس قسيلة", EntityType::Pers, &["خميس قسيلة"]),
        entity(text, "حركة نداء تونس", EntityType::Org, &["حركة نداء تونس"]),
    ];
    assert_speaker(text, &entities, "الباب مفتوح", "خميس قسيلة");
}

/// ووصف الرئيس الأمريكي دونالد ترامب، الرئيس السوري بشار الأسد بـ"الشرير": the person named
/// after the title words is the one describing, and the marked word is his however long his
/// name and the object are; after the participle واصفا the person named is the one described,
/// and the words are the speaker's before it.
#[test]
fn a_description_by_a_titled_person_and_after_a_participle() {
    let text = "ووصف الرئيس الأمريكي دونالد ترامب، الرئيس السوري بشار الأسد بـ\"الشرير\".";
    let entities = [
        entity(text, "دونالد ترامب", EntityType::Pers, &["دونالد ترامب"]),
        entity(text, "بشار الأسد", EntityType::Pers, &["بشار الأسد"]),
    ];
    assert_speaker(text, &entities, "الشرير", "دونالد ترامب");

    let text = "وقال ترامب إن الهجوم مروع، واصفا الرئيس السوري بشار الأسد بـ\"الشرير\".";
    let entities = [
        entity(text, "ترامب", EntityType::Pers, &["ترامب"]),
        entity(text, "بشار الأسد", EntityType::Pers, &["بشار الأسد"]),
    ];
    assert_speaker(text, &entities, "الشرير", "ترامب");
}
