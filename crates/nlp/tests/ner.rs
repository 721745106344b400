//! Named-entity tagging: CoNLL reading, training, serialisation, the shipped model, spans.

use khabar_nlp::ner::{
    evaluate, read_conll, split_train_dev, train, Algorithm, Model, Sentence, TrainOptions,
};
use khabar_nlp::EntityType;
use proptest::prelude::*;

#[test]
fn read_conll_reads_tokens_tags_and_sentences() {
    let text = "أعلن O\nاتحاد B-ORG\nالصناعة I-ORG\n. O\nقال O\nكيري B-PER\n؟ O\nأمس O\n";
    let s = read_conll(text).unwrap();
    assert_eq!(s.len(), 3);
    assert_eq!(s[0].tokens, ["أعلن", "اتحاد", "الصناعة", "."]);
    assert_eq!(s[0].tags, ["O", "B-ORG", "I-ORG", "O"]);
    assert_eq!(s[0].line, 1);
    // PER is read as PERS; the sentence ends at ؟.
    assert_eq!(s[1].tags, ["O", "B-PERS", "O"]);
    assert_eq!(s[1].line, 5);
    assert_eq!(s[2].tokens, ["أمس"]);
    assert_eq!(s[2].line, 8);
}

#[test]
fn read_conll_blank_lines_and_odd_tokens() {
    // Blank lines end sentences; a line with only a tag is an empty token (ANERcorp has some);
    // the tag is the last field, so a token may hold a space.
    let text = "a O\n\n O\nالأمن\u{200f}1706 \u{200f} I-ORG\n";
    let s = read_conll(text).unwrap();
    assert_eq!(s.len(), 2);
    assert_eq!(s[1].tokens, ["", "الأمن\u{200f}1706 \u{200f}"]);
    assert_eq!(s[1].tags, ["O", "I-ORG"]);
    assert_eq!(s[1].line, 3);
}

#[test]
fn read_conll_errors_name_the_line() {
    let e = read_conll("a O\nb O\nc B-FOO\n").unwrap_err();
    assert_eq!(e.line, 3);
    assert!(e.reason.contains("B-FOO"), "{e}");
    assert!(e.to_string().starts_with("line 3:"), "{e}");
    let e = read_conll("a O\n\nnotatag\n").unwrap_err();
    assert_eq!(e.line, 3);
    assert!(e.reason.contains("malformed"), "{e}");
    let e = read_conll("a O\nb X-LOC\n").unwrap_err();
    assert_eq!(e.line, 2);
}

#[test]
fn i_without_b_is_tolerated_and_scored_as_a_span_start() {
    let s = read_conll("في O\nروما I-LOC\n. O\n").unwrap();
    assert_eq!(s[0].tags[1], "I-LOC");
}

#[test]
fn split_keeps_the_last_sixth_for_dev() {
    let s: Vec<Sentence> = (0..13)
        .map(|i| Sentence {
            tokens: vec![i.to_string()],
            tags: vec!["O".into()],
            line: i + 1,
        })
        .collect();
    let (tr, dev) = split_train_dev(s);
    assert_eq!(tr.len(), 11);
    assert_eq!(dev.len(), 2);
    assert_eq!(dev[0].tokens, ["11"]);
}

/// A small synthetic corpus in ANERcorp style (a few hundred sentences), so tests need no data
/// outside the repository.
fn synthetic(n: usize) -> Vec<Sentence> {
    let people = [
        ["جون", "كيري"],
        ["سيرجي", "لافروف"],
        ["باراك", "أوباما"],
        ["محمد", "مرسي"],
        ["أحمد", "زويل"],
        ["فلاديمير", "بوتين"],
    ];
    let places = [
        "سوريا",
        "روما",
        "القاهرة",
        "باريس",
        "موسكو",
        "تونس",
        "بغداد",
    ];
    let orgs = [["الأمم", "المتحدة"], ["حلف", "الناتو"], ["جامعة", "الدول"]];
    let verbs = ["قال", "أكد", "دعا", "أعلن"];
    let mut out = Vec::new();
    for i in 0..n {
        let p = people[i % people.len()];
        let l = places[(i * 7 + 3) % places.len()];
        let o = orgs[(i * 5 + 1) % orgs.len()];
        let v = verbs[i % verbs.len()];
        let mut tokens: Vec<&str> = vec![v, "الرئيس", p[0], p[1], "في", l];
        let mut tags = vec!["O", "O", "B-PERS", "I-PERS", "O", "B-LOC"];
        if i % 2 == 0 {
            tokens.extend(["إن", o[0], o[1], "تدعم", "الحل"]);
            tags.extend(["O", "B-ORG", "I-ORG", "O", "O"]);
        }
        tokens.push(".");
        tags.push("O");
        out.push(Sentence {
            tokens: tokens.into_iter().map(String::from).collect(),
            tags: tags.into_iter().map(String::from).collect(),
            line: i + 1,
        });
    }
    out
}

fn small_options() -> TrainOptions {
    TrainOptions {
        epochs: 3,
        // Small data gives small averaged weights: keep them all.
        prune: 0.0,
        clusters: Vec::new(),
        definite: Vec::new(),
        ..TrainOptions::default()
    }
}

#[test]
fn training_is_deterministic_and_round_trips() {
    let data = synthetic(300);
    let a = train(&data, &small_options()).unwrap();
    let b = train(&data, &small_options()).unwrap();
    let bytes = a.to_bytes();
    assert_eq!(bytes, b.to_bytes(), "same data, same options: same bytes");
    let c = Model::from_bytes(&bytes).unwrap();
    assert_eq!(c.to_bytes(), bytes);
    let text = "قال الرئيس جون كيري في موسكو .";
    assert_eq!(a.tag(text), c.tag(text));
    // A CRF trains deterministically too.
    let crf = TrainOptions {
        algorithm: Algorithm::Crf { l2: 1.0, eta: 0.1 },
        two_stage: false,
        ..small_options()
    };
    let d = train(&data[..100], &crf).unwrap();
    assert_eq!(d.to_bytes(), train(&data[..100], &crf).unwrap().to_bytes());
}

#[test]
fn a_trained_model_learns_its_data() {
    let data = synthetic(300);
    let model = train(&data, &small_options()).unwrap();
    let ev = evaluate(&model, &data);
    assert!(ev.overall.f1 > 0.95, "{ev:?}");
    assert_eq!(ev.per_type.len(), 4);
    assert_eq!(ev.per_type[0].0, EntityType::Pers);
    assert_eq!(ev.overall.gold, 300 * 2 + 150);
}

#[test]
fn bad_training_data_is_an_error() {
    let mut data = synthetic(3);
    data[1].tags[0] = "B-XYZ".into();
    assert!(train(&data, &small_options()).is_err());
    assert!(train(&[], &small_options()).is_err());
}

#[test]
fn from_bytes_rejects_garbage() {
    assert!(Model::from_bytes(b"").is_err());
    assert!(Model::from_bytes(b"not a model at all").is_err());
    let bytes = train(&synthetic(20), &small_options()).unwrap().to_bytes();
    for cut in [9, bytes.len() / 2, bytes.len() - 1] {
        assert!(Model::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
    }
}

fn names(text: &str, ty: EntityType) -> Vec<&str> {
    Model::builtin()
        .tag(text)
        .into_iter()
        .filter(|m| m.ty == ty)
        .map(|m| &text[m.start..m.end])
        .collect()
}

const KERRY: &str = "دعا وزير الخارجية الأمريكي جون كيري، أمس الجمعة، لمواصلة الجهود للتوصل إلى سلام في سوريا، وذلك أثناء زيارة إلى روما التقى خلالها بنظيره الروسي سيرجي لافروف.";

#[test]
fn builtin_finds_people_and_places() {
    let pers = names(KERRY, EntityType::Pers);
    assert!(pers.contains(&"جون كيري"), "{pers:?}");
    assert!(pers.contains(&"سيرجي لافروف"), "{pers:?}");
    let loc = names(KERRY, EntityType::Loc);
    assert!(loc.contains(&"سوريا"), "{loc:?}");
    assert!(loc.contains(&"روما"), "{loc:?}");
}

#[test]
fn builtin_handles_odd_and_large_text() {
    let m = Model::builtin();
    assert!(m.tag("").is_empty());
    assert!(m.tag("   \n\n ").is_empty());
    let _ = m.tag("The quick brown fox, 2015. 東京 🙂 \u{200f}\u{0651}");
    // A long text without any full stop or line break.
    let long = KERRY.replace('.', "،").repeat(600);
    let spans = m.tag(&long);
    assert!(spans.len() > 600);
    check_spans(&long, &spans);
}

fn check_spans(text: &str, spans: &[khabar_nlp::Mention]) {
    let mut last = 0;
    for s in spans {
        assert!(s.start < s.end && s.end <= text.len());
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        assert!(s.start >= last, "ordered and disjoint");
        last = s.end;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn tag_never_panics_and_spans_are_sound(text in "\\PC{0,200}") {
        let spans = Model::builtin().tag(&text);
        check_spans(&text, &spans);
    }

    #[test]
    fn tag_on_arabic_like_text(words in proptest::collection::vec(
        prop_oneof![
            Just("جون"), Just("كيري"), Just("في"), Just("سوريا"), Just("،"), Just("."),
            Just("وزير"), Just("الخارجية"), Just("\n"), Just("لافروف"), Just("«"), Just("2015"),
            Just("\u{200f}"), Just("ـ"), Just("بِـ"),
        ], 0..60)) {
        let text = words.join(" ");
        let spans = Model::builtin().tag(&text);
        check_spans(&text, &spans);
    }

    #[test]
    fn from_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = Model::from_bytes(&bytes);
        let mut b = b"KHNER\x00\x00\x01".to_vec();
        b.extend_from_slice(&bytes);
        let _ = Model::from_bytes(&b);
    }
}

/// The shipped model tags a town its gazetteer knows where the sentence puts a place (after
/// في, من, على غرار or ولاية, with ب glued to it or to its article, joined by و to another
/// place), and leaves a word the harvest
/// listed by mistake (امتياز) alone.
#[test]
fn known_towns_in_a_places_slot_are_places() {
    let m = Model::builtin();
    for (text, town) in [
        (
            "وأفتتح أمس السبت في المهدية مهرجان الشعر العربي.",
            "المهدية",
        ),
        ("وقد عثر على جثته أمام منزله بصفاقس صباح الخميس.", "بصفاقس"),
        // after من (from) and على غرار (such as), then joined by و
        ("وصلت الحافلة قادمة من القيروان مساء أمس.", "القيروان"),
        (
            "وشهدت الجهات السياحية على غرار سوسة والمهدية إقبالا كبيرا.",
            "والمهدية",
        ),
        // ب before the article: the gazetteer lists المهدية with its article. (Not after a
        // body's name, السجن المدني بالمهدية: the body is named with its town, as the news
        // annotations name it.)
        ("وقع حادث مرور بالمهدية يوم أمس وأسفر عن جرحى.", "بالمهدية"),
        (
            "وتعرضت أستاذة تدرس بأحد المعاهد بالكاف يوم الخميس إلى اعتداء.",
            "بالكاف",
        ),
        // لل is ل + ال
        ("ثم عاد الوفد للمنستير مساء الأحد.", "للمنستير"),
        (
            "انقطع الماء في ولايات المنستير وصفاقس وقابس بسبب الأشغال.",
            "المنستير",
        ),
    ] {
        let places: Vec<&str> = m
            .tag(text)
            .iter()
            .filter(|s| s.ty == EntityType::Loc)
            .map(|s| &text[s.start..s.end])
            .collect();
        assert!(places.contains(&town), "{text}: {places:?}");
    }
    let text = "ونجح التلميذ بامتياز في الامتحان.";
    assert!(
        m.tag(text).iter().all(|s| s.ty != EntityType::Loc),
        "{text}"
    );
}

/// The shipped model names السعودية the country where no noun stands before it for the
/// adjective «Saudi» to qualify, and leaves the adjective alone.
#[test]
fn saudi_arabia_is_a_place_where_it_is_no_adjective() {
    let m = Model::builtin();
    let places = |text: &str| -> Vec<String> {
        m.tag(text)
            .iter()
            .filter(|s| s.ty == EntityType::Loc)
            .map(|s| text[s.start..s.end].to_owned())
            .collect()
    };
    let text = "وأكد الملك أن السعودية ستظل واحة أمن.";
    assert_eq!(places(text), ["السعودية"], "{text}");
    let text = "وأعلنت الخطوط السعودية عن رحلات جديدة.";
    assert!(places(text).is_empty(), "{text}: {:?}", places(text));
}
