//! Places the news gazetteer knows, where the sentence says a place stands: بصفاقس, في
//! المهدية, ولايات المنستير وصفاقس.
//!
//! The tagger learnt from ANERcorp, whose places are mostly the world's capitals and countries;
//! the towns of the outlets khabar reads (Tunisia's governorates, Saudi Arabia's provinces) it
//! rarely saw, and even when the harvested gazetteer (`models/harvested-loc.txt`, names found
//! after مدينة, ولاية, محافظة … in the news) lists them, it leaves many untagged, most often
//! when a clitic is attached (بسوسة, وجربة). A gazetteer hit alone is weak evidence (a town's
//! name may be a family name or a common noun), but a gazetteer hit in a place's slot is
//! strong: after a preposition of place (في, من, إلى), a word for an administrative unit or
//! «على غرار» (such as), after the preposition ب glued to it or to its article (بالمهدية), or
//! joined by و to a place just tagged. Only words that no person or organisation gazetteer also
//! lists are taken (الكاف is a town and the African football confederation).

use super::features::PlaceGazetteer;

const O: usize = 0;
const B_LOC: usize = 2;
const I_LOC: usize = 6;

/// Words after which a name stands for a place (folded as khabar-text folds them). من (from)
/// and غرار (على غرار, such as) precede people and bodies as often, but only a word the
/// gazetteer lists as a place, in a cluster of places, is taken after them.
const PLACE_CUES: &[&str] = &[
    "في",
    "من",
    "غرار",
    "الي",
    "نحو",
    "داخل",
    "قرب",
    "ولايه",
    "ولايات",
    "بولايه",
    "لولايه",
    "مدينه",
    "بمدينه",
    "مدن",
    "معتمديه",
    "بمعتمديه",
    "معتمديات",
    "جهه",
    "بجهه",
    "منطقه",
    "بمنطقه",
    "بلديه",
    "محافظه",
    "بمحافظه",
    "محافظات",
    "عاصمه",
    "شمال",
    "جنوب",
    "شرق",
    "غرب",
    "وسط",
];

/// Marks as places the words the gazetteer lists as places where the context says a place
/// stands (see the module's documentation). `place(k)` is what the gazetteer says of word `k`.
pub(crate) fn mark_where<S: AsRef<str>>(
    words: &[S],
    labels: &mut [usize],
    place: impl Fn(usize) -> PlaceGazetteer,
) {
    let n = words.len().min(labels.len());
    for i in 0..n {
        if labels[i] != O {
            continue;
        }
        let hit = place(i);
        if hit == PlaceGazetteer::No {
            continue;
        }
        let raw = words[i].as_ref();
        let after_place = i > 0 && matches!(labels[i - 1], B_LOC | I_LOC);
        let joined = raw.starts_with('و') && after_place;
        let in_slot = match hit {
            PlaceGazetteer::No => false,
            // بسوسة, لصفاقس: the clitic is the preposition; وجربة after تونس: a list of places.
            PlaceGazetteer::Stripped => raw.starts_with(['ب', 'ل']) || joined,
            PlaceGazetteer::Whole => {
                joined
                    || (i > 0 && {
                        let prev = khabar_text::normalize(words[i - 1].as_ref());
                        PLACE_CUES.contains(&prev.as_str())
                    })
            }
        };
        if in_slot {
            labels[i] = B_LOC;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(words: &[&str], hits: &[PlaceGazetteer], labels: &mut [usize]) {
        mark_where(words, labels, |k| hits[k]);
    }

    #[test]
    fn places_in_their_slot() {
        use PlaceGazetteer::{No, Stripped, Whole};
        // أمام منزله بصفاقس
        let mut l = [O, O, O];
        run(&["أمام", "منزله", "بصفاقس"], &[No, No, Stripped], &mut l);
        assert_eq!(l, [O, O, B_LOC]);
        // في المهدية
        let mut l = [O, O];
        run(&["في", "المهدية"], &[No, Whole], &mut l);
        assert_eq!(l, [O, B_LOC]);
        // ولايات المنستير وصفاقس: the second joined to the first.
        let mut l = [O, O, O];
        run(
            &["ولايات", "المنستير", "وصفاقس"],
            &[No, Whole, Stripped],
            &mut l,
        );
        assert_eq!(l, [O, B_LOC, B_LOC]);
        // A listed word out of a place's slot stays as the tagger left it.
        let mut l = [O, O];
        run(&["وأضاف", "سوسة"], &[No, Whole], &mut l);
        assert_eq!(l, [O, O]);
        // وجربة with no place before it: و is not a place's slot.
        let mut l = [O, O];
        run(&["الرحلات", "وجربة"], &[No, Stripped], &mut l);
        assert_eq!(l, [O, O]);
        // A word the tagger already labelled keeps its label.
        let mut l = [O, 1];
        run(&["في", "سوسة"], &[No, Whole], &mut l);
        assert_eq!(l, [O, 1]);
    }
}
