//! Bar charts of articles over time, drawn on the server as SVG: no script, no inline style
//! (the CSP forbids both), colours from the stylesheet's classes. Each bar links to the same
//! view narrowed to its period.

use maud::{html, Markup};

/// One bar: a period and how many articles fall in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    /// The period as shown (`2015`, `2015-08`, `2015-08-01`).
    pub label: String,
    /// Its first and last day (ISO dates), what a click narrows to.
    pub from: String,
    pub to: String,
    pub count: u64,
}

/// The length of a bar's period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    Day,
    Month,
    Year,
}

/// Bars drawn at most; a longer history keeps its latest periods.
const MAX_BARS: usize = 200;

fn iso(day: i64) -> String {
    let (y, m, d) = khabar_text::civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The first and last day of the period of `unit` holding `day`, and its label.
fn period(unit: Unit, day: i64) -> (i64, i64, String) {
    let (y, m, _) = khabar_text::civil_from_days(day);
    match unit {
        Unit::Day => (day, day, iso(day)),
        Unit::Month => {
            let first = khabar_text::days_from_civil(y, m, 1);
            let last = first + i64::from(khabar_text::days_in_month(y, m)) - 1;
            (first, last, format!("{y:04}-{m:02}"))
        }
        Unit::Year => (
            khabar_text::days_from_civil(y, 1, 1),
            khabar_text::days_from_civil(y, 12, 31),
            format!("{y:04}"),
        ),
    }
}

/// Counts per day (days since 1970, any order) gathered into consecutive periods, empty
/// ones included so the time axis is even: days when the span is at most two months, months
/// up to four years, years beyond; never finer than `finest`.
pub fn bars(counts: &[(i64, u64)], finest: Unit) -> Vec<Bar> {
    let (Some(first), Some(last)) = (
        counts.iter().map(|c| c.0).min(),
        counts.iter().map(|c| c.0).max(),
    ) else {
        return Vec::new();
    };
    let span = last - first;
    let unit = if span <= 62 {
        Unit::Day
    } else if span <= 4 * 366 {
        Unit::Month
    } else {
        Unit::Year
    }
    .max(finest);
    let mut out: Vec<Bar> = Vec::new();
    let mut start = period(unit, first).0;
    let mut sorted = counts.to_vec();
    sorted.sort_unstable();
    let mut next = sorted.iter().peekable();
    while start <= last {
        let (from, to, label) = period(unit, start);
        let mut count = 0;
        while let Some(&&(day, n)) = next.peek() {
            if day > to {
                break;
            }
            count += n;
            next.next();
        }
        out.push(Bar {
            label,
            from: iso(from),
            to: iso(to),
            count,
        });
        start = to + 1;
    }
    if out.len() > MAX_BARS {
        out.drain(..out.len() - MAX_BARS);
    }
    out
}

/// Chart geometry, in SVG user units (the SVG scales to its box).
const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 140.0;
const AXIS: f64 = 18.0;

/// The chart: `<svg id="chart">` with one linked `<rect class="bar">` per non-empty period.
/// `href` makes a bar's link from its period; `caption` names the chart for screen readers.
pub fn svg(bars: &[Bar], caption: &str, href: impl Fn(&Bar) -> String) -> Markup {
    let max = bars.iter().map(|b| b.count).max().unwrap_or(0).max(1) as f64;
    let slot = WIDTH / bars.len().max(1) as f64;
    let gap = if slot > 4.0 { slot * 0.15 } else { 0.0 };
    let (first, last) = (bars.first(), bars.last());
    html! {
        svg #chart .chart xmlns="http://www.w3.org/2000/svg" role="img"
            viewBox=(format!("0 0 {WIDTH} {}", HEIGHT + AXIS)) aria-label=(caption) {
            title { (caption) }
            line .baseline x1="0" y1=(HEIGHT) x2=(WIDTH) y2=(HEIGHT) {}
            @for (i, bar) in bars.iter().enumerate() {
                @if bar.count > 0 {
                    @let h = (bar.count as f64 / max * (HEIGHT - 4.0)).max(1.5);
                    a href=(href(bar)) aria-label=(format!("{}: {}", bar.label, bar.count)) {
                        rect .bar x=(fmt(i as f64 * slot + gap / 2.0)) y=(fmt(HEIGHT - h))
                            width=(fmt((slot - gap).max(0.5))) height=(fmt(h)) {
                            title { (bar.label) ": " (bar.count) }
                        }
                    }
                }
            }
            @if let (Some(first), Some(last)) = (first, last) {
                text .axis x="0" y=(HEIGHT + AXIS - 4.0) text-anchor="start" { (first.label) }
                @if bars.len() > 1 {
                    text .axis x=(WIDTH) y=(HEIGHT + AXIS - 4.0) text-anchor="end" { (last.label) }
                }
            }
            text .axis .max x="2" y="12" text-anchor="start" { (max as u64) }
        }
    }
}

/// A coordinate with at most two decimals (shorter markup than `f64`'s display).
fn fmt(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> i64 {
        khabar_archive::days_from_iso(s).unwrap()
    }

    #[test]
    fn short_spans_are_drawn_by_day_with_empty_days() {
        let b = bars(&[(day("2015-08-03"), 2), (day("2015-08-01"), 1)], Unit::Day);
        let got: Vec<(&str, u64)> = b.iter().map(|b| (b.label.as_str(), b.count)).collect();
        assert_eq!(
            got,
            [("2015-08-01", 1), ("2015-08-02", 0), ("2015-08-03", 2)]
        );
    }

    #[test]
    fn longer_spans_by_month_then_year() {
        let b = bars(
            &[
                (day("2015-01-01"), 1),
                (day("2015-03-01"), 4),
                (day("2015-03-31"), 1),
            ],
            Unit::Day,
        );
        let got: Vec<(&str, &str, &str, u64)> = b
            .iter()
            .map(|b| (b.label.as_str(), b.from.as_str(), b.to.as_str(), b.count))
            .collect();
        assert_eq!(
            got,
            [
                ("2015-01", "2015-01-01", "2015-01-31", 1),
                ("2015-02", "2015-02-01", "2015-02-28", 0),
                ("2015-03", "2015-03-01", "2015-03-31", 5)
            ]
        );
        let b = bars(&[(day("2010-06-01"), 1), (day("2016-02-29"), 2)], Unit::Day);
        assert_eq!(b.len(), 7);
        assert_eq!(
            (b[6].label.as_str(), b[6].to.as_str(), b[6].count),
            ("2016", "2016-12-31", 2)
        );
        // Monthly data is never split into days.
        let b = bars(&[(day("2015-08-01"), 3)], Unit::Month);
        assert_eq!((b.len(), b[0].label.as_str()), (1, "2015-08"));
    }

    #[test]
    fn bars_link_and_nothing_is_drawn_for_empty_periods() {
        let b = bars(&[(day("2015-08-01"), 1), (day("2015-08-03"), 2)], Unit::Day);
        let svg = svg(&b, "chart", |b| format!("/search?from={}", b.from)).into_string();
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains(r#"href="/search?from=2015-08-03""#));
        assert!(!svg.contains("style="));
    }
}
