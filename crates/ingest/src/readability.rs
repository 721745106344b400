//! Finds the element of a page that holds its article, by scoring paragraphs: the algorithm of
//! Mozilla's Readability.js (after Arc90's, the one Firefox's reader view runs), written for a
//! compact copy of the parsed tree.
//!
//! Why not a port of the library itself: the ports (dom_smoothie, which khabar used before)
//! edit the document as Readability.js does, so every length, comma count and link density is
//! read again from the text for each element that asks, each retry parses the page anew, and
//! on WCXB's pages the ports cost more than the HTML parse itself. Here the parsed tree is
//! copied once into [`Page`] (tags classified, class and id weighed, phrasing runs wrapped into
//! paragraphs), every figure an element needs is summed bottom-up in one walk per attempt, and
//! retries with fewer rules reuse the copy.
//!
//! The rules and their constants are Readability.js's (Apache-2.0; the algorithm, not its code):
//! paragraphs of 25 characters or more score 1 + their commas + 1 + one per 100 characters (up
//! to 3), and give that score to their parent, half to their grandparent, a third of it per level
//! to the three above; the best-scoring element, after its score is scaled by the share of its
//! text that is not links, is the article, with those of its siblings that score near it; the
//! article is then cleaned of link lists, image galleries and forms; when what is left is under
//! 500 characters the page is read again with fewer rules (unlikely elements kept, then class
//! names ignored, then no cleaning), and the longest result is kept.

use dom_query::{Document, NodeData, NodeRef};

const NONE: u32 = u32::MAX;

/// An article shorter than this many characters makes Readability try again with fewer rules.
const CHAR_THRESHOLD: usize = 500;

/// Candidates scoring this or less keep their score whatever their links.
const MIN_SCORE_TO_ADJUST: f32 = 5.0;

/// How many of the best-scoring elements are compared when looking for a common ancestor.
const TOP_CANDIDATES: usize = 5;

/// The tags the algorithm tells apart.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tag {
    Text,
    Body,
    P,
    Div,
    Section,
    Heading(u8),
    Td,
    Th,
    Tr,
    Table,
    Pre,
    Code,
    Blockquote,
    Address,
    Ol,
    Ul,
    Dl,
    Dd,
    Dt,
    Li,
    Form,
    Fieldset,
    A,
    Img,
    Br,
    Hr,
    Input,
    Iframe,
    Embed,
    Figure,
    /// `aside`, `footer`, `link`, `textarea`, `select`, `button`: never part of an article.
    Chrome,
    /// `caption`, `col`, `colgroup`, `thead`, `tfoot`: signs of a table of data.
    TableHead,
    Article,
    /// `main`, `header`, `nav`, `figcaption`, … : blocks with no rule of their own.
    Block,
    /// `span`, `b`, `em`, `strong`, … : inline elements with no rule of their own.
    Inline,
}

impl Tag {
    fn of(name: &str) -> Option<Tag> {
        Some(match name {
            "p" => Tag::P,
            "div" => Tag::Div,
            "section" => Tag::Section,
            "article" => Tag::Article,
            "h1" => Tag::Heading(1),
            "h2" => Tag::Heading(2),
            "h3" => Tag::Heading(3),
            "h4" => Tag::Heading(4),
            "h5" => Tag::Heading(5),
            "h6" => Tag::Heading(6),
            "td" => Tag::Td,
            "th" => Tag::Th,
            "tr" => Tag::Tr,
            "table" => Tag::Table,
            "pre" => Tag::Pre,
            "code" => Tag::Code,
            "blockquote" => Tag::Blockquote,
            "address" => Tag::Address,
            "ol" => Tag::Ol,
            "ul" => Tag::Ul,
            "dl" => Tag::Dl,
            "dd" => Tag::Dd,
            "dt" => Tag::Dt,
            "li" => Tag::Li,
            "form" => Tag::Form,
            "fieldset" => Tag::Fieldset,
            "a" => Tag::A,
            "img" => Tag::Img,
            "br" => Tag::Br,
            "hr" => Tag::Hr,
            "input" => Tag::Input,
            "iframe" => Tag::Iframe,
            "embed" | "object" => Tag::Embed,
            "figure" => Tag::Figure,
            "body" => Tag::Body,
            "aside" | "footer" | "link" | "textarea" | "select" | "button" => Tag::Chrome,
            "caption" | "col" | "colgroup" | "thead" | "tfoot" => Tag::TableHead,
            "abbr" | "audio" | "b" | "bdo" | "cite" | "data" | "datalist" | "dfn" | "em" | "i"
            | "kbd" | "label" | "mark" | "meter" | "output" | "progress" | "q" | "ruby"
            | "samp" | "small" | "span" | "strong" | "sub" | "sup" | "time" | "var" | "wbr"
            | "font" | "u" | "s" | "del" | "ins" | "picture" | "source" => Tag::Inline,
            // Never rendered as text.
            "script" | "style" | "noscript" | "template" | "head" | "title" | "meta" | "svg"
            | "math" | "option" | "canvas" | "video" | "map" => return None,
            _ => Tag::Block,
        })
    }

    /// Phrasing content, which Readability wraps into paragraphs where it sits in a `div`
    /// beside blocks (links count when all they hold is phrasing: see [`Page::is_phrasing`]).
    fn is_phrasing(self) -> bool {
        matches!(
            self,
            Tag::Text
                | Tag::Inline
                | Tag::Img
                | Tag::Br
                | Tag::Input
                | Tag::Embed
                | Tag::Code
                | Tag::Chrome
        )
    }

    /// The elements whose presence inside a `div` keeps it a container rather than a paragraph.
    fn is_div_block(self) -> bool {
        matches!(
            self,
            Tag::Blockquote
                | Tag::Dl
                | Tag::Div
                | Tag::Img
                | Tag::Ol
                | Tag::P
                | Tag::Pre
                | Tag::Table
                | Tag::Ul
        )
    }

    /// The elements whose text the scorer reads as paragraphs.
    fn is_scored(self) -> bool {
        matches!(
            self,
            Tag::Section | Tag::P | Tag::Td | Tag::Pre | Tag::Heading(2..=6)
        )
    }

    /// Elements that count towards "text density" in the conditional cleaning.
    fn is_textish(self) -> bool {
        matches!(self, Tag::Inline | Tag::Li | Tag::Td) || self.is_div_block()
    }

    /// Elements the formatted text puts on a paragraph of their own.
    fn is_paragraph_block(self) -> bool {
        matches!(
            self,
            Tag::Block
                | Tag::Article
                | Tag::Blockquote
                | Tag::Section
                | Tag::Div
                | Tag::P
                | Tag::Pre
                | Tag::Heading(_)
                | Tag::Ul
                | Tag::Ol
                | Tag::Dl
                | Tag::Table
                | Tag::Form
                | Tag::Fieldset
                | Tag::Address
                | Tag::Figure
                | Tag::Body
        )
    }

    /// The score an element starts from, before its class names are weighed.
    fn base_score(self) -> f32 {
        match self {
            Tag::Div => 5.0,
            Tag::Pre | Tag::Td | Tag::Blockquote => 3.0,
            Tag::Address
            | Tag::Ol
            | Tag::Ul
            | Tag::Dl
            | Tag::Dd
            | Tag::Dt
            | Tag::Li
            | Tag::Form => -3.0,
            Tag::Heading(_) | Tag::Th => -5.0,
            _ => 0.0,
        }
    }
}

// Node flags, set once when the page is copied.
const UNLIKELY: u8 = 1;
const DROPPED: u8 = 2; // hidden, the byline, a heading that repeats the title, an empty block
const SHARE: u8 = 4;
const HASH_LINK: u8 = 8;
const DATA_TABLE: u8 = 16;
const HEADER: u8 = 32; // a `header` element

struct Node {
    tag: Tag,
    flags: u8,
    /// ±25 for each of the class and the id that reads like content or like chrome.
    weight: i8,
    parent: u32,
    children: Vec<u32>,
    /// For text: its bytes in [`Page::text`].
    text: (u32, u32),
    /// For rows: their cells; for tables: the most cells in a row.
    cols: u16,
    /// The class attribute's hash, to find siblings of the same class (0: none).
    class: u64,
    /// Characters other than white space in the subtree, before any rule removes part of it.
    chars: u32,
    /// Runs of non-white-space characters, and commas, in the subtree (as `chars`).
    words: u32,
    commas: u32,
    /// Characters in links in the subtree (as `chars`), see [`Stats::link`].
    link: f32,
    /// Whether the subtree holds an element that keeps a `div` a container
    /// ([`Tag::is_div_block`]).
    has_block: bool,
}

impl Node {
    /// A text node's figures.
    fn text_stats(&self) -> Stats {
        Stats {
            chars: self.chars,
            words: self.words,
            commas: self.commas,
            ..Stats::default()
        }
    }
}

/// What a subtree holds, summed bottom-up.
#[derive(Clone, Copy, Default)]
struct Stats {
    /// Characters other than white space.
    chars: u32,
    /// Runs of non-white-space characters.
    words: u32,
    commas: u32,
    /// Characters in links, those to the page's own anchors counted at 0.3.
    link: f32,
    p: u32,
    img: u32,
    li: u32,
    input: u32,
    embed: u32,
    /// Characters in headings, in the elements [`Tag::is_textish`] names, and in list items.
    heading: u32,
    textish: u32,
    li_text: u32,
    /// Tables of data.
    data_tables: u32,
}

impl Stats {
    /// The length of the element's text with white space runs counted as one character, as
    /// Readability measures it.
    fn len(&self) -> u32 {
        self.chars + self.words.saturating_sub(1)
    }

    fn link_density(&self) -> f32 {
        let len = self.len();
        if len == 0 {
            0.0
        } else {
            self.link / len as f32
        }
    }

    fn add(&mut self, o: &Stats) {
        self.chars += o.chars;
        self.words += o.words;
        self.commas += o.commas;
        self.link += o.link;
        self.p += o.p;
        self.img += o.img;
        self.li += o.li;
        self.input += o.input;
        self.embed += o.embed;
        self.heading += o.heading;
        self.textish += o.textish;
        self.li_text += o.li_text;
        self.data_tables += o.data_tables;
    }
}

/// The article Readability's rules find on a page.
pub(crate) struct Found {
    /// The article's text, paragraphs separated by a blank line.
    pub text: String,
    /// The author line the rules took out of the text, if any.
    pub byline: Option<String>,
    /// Words on the whole page (in its body, outside scripts, styles and templates).
    pub page_words: usize,
}

/// The page, copied from the parsed document.
struct Page {
    nodes: Vec<Node>,
    text: String,
    body: u32,
    byline: Option<String>,
    /// Node ids in document order (synthetic paragraphs where their first child was).
    order: Vec<u32>,
}

/// The rules an attempt applies; each retry drops the first still on.
#[derive(Clone, Copy)]
struct Rules {
    strip_unlikely: bool,
    weigh_classes: bool,
    clean_conditionally: bool,
}

/// Finds the article on `doc`. `titles` are the page's titles (its `<title>`, `og:title`): a
/// heading that repeats one of them is left out of the text, as the page's headline is read
/// from the metadata.
pub(crate) fn find_article(doc: &Document, titles: &[&str]) -> Found {
    let Some(page) = Page::copy(doc, titles) else {
        return Found {
            text: String::new(),
            byline: None,
            page_words: 0,
        };
    };
    let attempts = [
        Rules {
            strip_unlikely: true,
            weigh_classes: true,
            clean_conditionally: true,
        },
        Rules {
            strip_unlikely: false,
            weigh_classes: true,
            clean_conditionally: true,
        },
        Rules {
            strip_unlikely: false,
            weigh_classes: false,
            clean_conditionally: true,
        },
        Rules {
            strip_unlikely: false,
            weigh_classes: false,
            clean_conditionally: false,
        },
    ];
    let mut best = String::new();
    let mut best_len = 0;
    for rules in attempts {
        let text = page.attempt(rules);
        let len = text.chars().filter(|c| !c.is_whitespace()).count();
        if len >= CHAR_THRESHOLD {
            best = text;
            break;
        }
        if len > best_len {
            best_len = len;
            best = text;
        }
    }
    let page_words = page
        .nodes
        .iter()
        .filter(|n| n.tag == Tag::Text)
        .map(|n| n.words as usize)
        .sum();
    Found {
        text: best,
        byline: page.byline,
        page_words,
    }
}

fn hash(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    s.hash(&mut h);
    h.finish() | 1
}

/// Readability's words for class names and ids of elements that are page chrome.
const UNLIKELY_WORDS: &[&str] = &[
    "-ad-",
    "ai2html",
    "banner",
    "breadcrumbs",
    "combx",
    "comment",
    "community",
    "cover-wrap",
    "disqus",
    "extra",
    "footer",
    "gdpr",
    "header",
    "legends",
    "menu",
    "related",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "supplemental",
    "ad-break",
    "agegate",
    "pagination",
    "pager",
    "popup",
    "yom-remote",
];
/// … unless one of these is there too.
const MAYBE_WORDS: &[&str] = &[
    "and", "article", "body", "column", "content", "main", "mathjax", "shadow",
];
/// ARIA roles of chrome.
const UNLIKELY_ROLES: &[&str] = &[
    "menu",
    "menubar",
    "complementary",
    "navigation",
    "alert",
    "alertdialog",
    "dialog",
];
const POSITIVE_WORDS: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "hentry",
    "h-entry",
    "main",
    "page",
    "pagination",
    "post",
    "text",
    "blog",
    "story",
];
const NEGATIVE_WORDS: &[&str] = &[
    "-ad-",
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "footer",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "widget",
];
const BYLINE_WORDS: &[&str] = &["byline", "author", "dateline", "writtenby", "p-author"];

// What a class name or id says, as bits.
const W_UNLIKELY: u8 = 1;
const W_MAYBE: u8 = 2;
const W_POSITIVE: u8 = 4;
const W_NEGATIVE: u8 = 8;
const W_BYLINE: u8 = 16;
const W_SHARE: u8 = 32;

/// One automaton for every word list, matched without regard to ASCII case: a class name is
/// read once, not once per list and word.
struct NameWords {
    automaton: aho_corasick::AhoCorasick,
    /// Per pattern: its bits, and whether it counts only as a whole word.
    meaning: Vec<(u8, bool)>,
}

static NAME_WORDS: std::sync::LazyLock<NameWords> = std::sync::LazyLock::new(|| {
    let mut words: Vec<(&str, u8, bool)> = Vec::new();
    for (list, bit) in [
        (UNLIKELY_WORDS, W_UNLIKELY),
        (MAYBE_WORDS, W_MAYBE),
        (POSITIVE_WORDS, W_POSITIVE),
        (NEGATIVE_WORDS, W_NEGATIVE),
        (BYLINE_WORDS, W_BYLINE),
    ] {
        for &w in list {
            match words.iter_mut().find(|(x, _, whole)| *x == w && !whole) {
                Some(entry) => entry.1 |= bit,
                None => words.push((w, bit, false)),
            }
        }
    }
    // Readability's ` hid ` (a word between spaces) and `(\b|_)share(\b|_)`.
    words.push(("hid", W_NEGATIVE, true));
    words.push(("share", W_SHARE, true));
    words.push(("sharedaddy", W_SHARE, true));
    let automaton = aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(words.iter().map(|(w, _, _)| w))
        .expect("the name word lists are valid patterns");
    NameWords {
        automaton,
        meaning: words
            .iter()
            .map(|&(_, bits, whole)| (bits, whole))
            .collect(),
    }
});

/// The bits of what `name` (a class attribute or an id) says.
fn name_bits(name: &str) -> u8 {
    if name.is_empty() {
        return 0;
    }
    let words = &*NAME_WORDS;
    let bytes = name.as_bytes();
    let mut bits = 0;
    for m in words.automaton.find_overlapping_iter(name) {
        let (b, whole) = words.meaning[m.pattern().as_usize()];
        if whole {
            let before = m.start().checked_sub(1).map(|i| bytes[i]);
            let after = bytes.get(m.end()).copied();
            let apart = if b == W_SHARE {
                |c: Option<u8>| !c.is_some_and(|c| c.is_ascii_alphanumeric())
            } else {
                |c: Option<u8>| c.is_none_or(|c| c == b' ')
            };
            if !(apart(before) && apart(after)) {
                continue;
            }
        }
        bits |= b;
    }
    bits
}

/// Class-name weight: −25 for chrome, +25 for content.
fn name_weight(bits: u8) -> i8 {
    let mut w = 0;
    if bits & W_NEGATIVE != 0 {
        w -= 25;
    }
    if bits & W_POSITIVE != 0 {
        w += 25;
    }
    w
}

/// Whether an id is React's for a streamed segment (`S:0`, `S:12`).
fn is_streamed_segment(id: &str) -> bool {
    id.strip_prefix("S:")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether a `style` attribute hides the element.
fn hides(style: &str) -> bool {
    if !(style.contains("none") || style.contains("hidden")) {
        return false;
    }
    let squeezed: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    squeezed.contains("display:none") || squeezed.contains("visibility:hidden")
}

fn is_comma(c: char) -> bool {
    matches!(
        c,
        ',' | '\u{060C}'
            | '\u{FE50}'
            | '\u{FE10}'
            | '\u{FE11}'
            | '\u{2E41}'
            | '\u{2E34}'
            | '\u{2E32}'
            | '\u{FF0C}'
    )
}

/// Word-overlap similarity of Readability's `_textSimilarity`: the share of `b`'s words (by
/// length) that `a` also has.
fn similarity(a: &str, b: &str) -> f32 {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (wa, wb) = (words(a), words(b));
    if wa.is_empty() || wb.is_empty() {
        return 0.0;
    }
    let total: usize = wb.iter().map(|w| w.len() + 1).sum();
    let unique: usize = wb
        .iter()
        .filter(|w| !wa.contains(w))
        .map(|w| w.len() + 1)
        .sum();
    1.0 - unique as f32 / total as f32
}

/// A DOM node, as [`Page::open`] copies it.
enum Opened<'a> {
    Text(u32),
    Element(OpenElement<'a>),
    /// Never rendered (scripts, templates…), or not text nor element.
    Skip,
}

/// An element copied, its children not all copied yet.
struct OpenElement<'a> {
    /// The next of its children to copy.
    next: Option<NodeRef<'a>>,
    id: u32,
    /// What its children are inside of.
    ctx: Context,
    children: Vec<u32>,
    /// Whether it is marked as the author line (`rel=author`, a `byline` class…).
    byline_like: bool,
}

/// What copying the page needs to know about the elements above the one being copied.
#[derive(Clone, Copy)]
struct Context {
    in_table_or_code: bool,
}

impl Page {
    fn copy(doc: &Document, titles: &[&str]) -> Option<Page> {
        let body = doc.tree.body()?;
        let mut page = Page {
            nodes: Vec::with_capacity(doc.tree.len()),
            text: String::new(),
            body: 0,
            byline: None,
            order: Vec::new(),
        };
        let titles: Vec<&str> = titles.iter().copied().filter(|t| !t.is_empty()).collect();
        // Depth-first with a stack of the elements still open (not a recursion: pages nest
        // up to `MAX_NESTING` levels, deeper than a thread's stack allows).
        let top = Context {
            in_table_or_code: false,
        };
        let Opened::Element(root) = page.open(&body, top) else {
            return None;
        };
        let mut open = vec![root];
        let mut body_id = None;
        while let Some(last) = open.last_mut() {
            if let Some(child) = last.next.take() {
                last.next = child.next_sibling();
                let ctx = last.ctx;
                match page.open(&child, ctx) {
                    Opened::Text(id) => last.children.push(id),
                    Opened::Element(element) => open.push(element),
                    Opened::Skip => {}
                }
            } else {
                let Some(done) = open.pop() else { break };
                let id = page.close(done, &titles);
                match open.last_mut() {
                    Some(parent) => parent.children.push(id),
                    None => body_id = Some(id),
                }
            }
        }
        let root = body_id?;
        page.body = root;
        page.nodes[root as usize].parent = NONE;
        page.nodes[root as usize].tag = Tag::Body;
        page.order = page.preorder(root);
        Some(page)
    }

    /// The subtree of `root`, parents before children, in document order.
    fn preorder(&self, root: u32) -> Vec<u32> {
        let mut order = Vec::new();
        let mut stack = vec![root];
        while let Some(id) = stack.pop() {
            order.push(id);
            stack.extend(self.nodes[id as usize].children.iter().rev());
        }
        order
    }

    fn new_node(&mut self, tag: Tag) -> u32 {
        self.nodes.push(Node {
            tag,
            flags: 0,
            weight: 0,
            parent: NONE,
            children: Vec::new(),
            text: (0, 0),
            cols: 0,
            class: 0,
            chars: 0,
            words: 0,
            commas: 0,
            link: 0.0,
            has_block: false,
        });
        (self.nodes.len() - 1) as u32
    }

    /// The text of the subtree, as it stands in the page.
    fn plain_text(&self, id: u32, out: &mut String) {
        for n in self.preorder(id) {
            let n = &self.nodes[n as usize];
            if n.tag == Tag::Text {
                out.push_str(&self.text[n.text.0 as usize..n.text.1 as usize]);
            }
        }
    }

    /// Whether the node is phrasing content (a link only when all it holds is).
    fn is_phrasing(&self, id: u32) -> bool {
        let n = &self.nodes[id as usize];
        match n.tag {
            Tag::A => n.children.iter().all(|&c| {
                let t = self.nodes[c as usize].tag;
                t == Tag::A || t.is_phrasing()
            }),
            t => t.is_phrasing(),
        }
    }

    fn is_blank(&self, id: u32) -> bool {
        let n = &self.nodes[id as usize];
        n.tag == Tag::Text
            && self.text[n.text.0 as usize..n.text.1 as usize]
                .trim()
                .is_empty()
    }

    /// Copies a DOM node: a text node whole, an element without its children yet.
    fn open<'a>(&mut self, dom: &NodeRef<'a>, ctx: Context) -> Opened<'a> {
        enum Kind {
            Text(u32, u32),
            Element(Tag),
            Skip,
        }
        let mut flags = 0u8;
        let mut weight = 0i8;
        let mut class = 0u64;
        let mut byline_like = false;
        let kind = dom.query(|n| match &n.data {
            NodeData::Text { contents } => {
                let start = self.text.len() as u32;
                self.text.push_str(contents);
                Kind::Text(start, self.text.len() as u32)
            }
            NodeData::Element(el) => {
                let name: &str = &el.name.local;
                let Some(tag) = Tag::of(name) else {
                    return Kind::Skip;
                };
                let mut role_unlikely = false;
                let (mut modal, mut dialog) = (false, name == "dialog");
                let (mut hidden, mut streamed) = (false, false);
                let mut bits = 0u8;
                for a in &el.attrs {
                    let v: &str = &a.value;
                    match &*a.name.local {
                        "class" => {
                            let b = name_bits(v);
                            weight = weight.saturating_add(name_weight(b));
                            bits |= b;
                            if !v.trim().is_empty() {
                                class = hash(v.trim());
                            }
                        }
                        "id" => {
                            streamed = is_streamed_segment(v);
                            let b = name_bits(v);
                            weight = weight.saturating_add(name_weight(b));
                            bits |= b;
                        }
                        "role" => {
                            role_unlikely = UNLIKELY_ROLES.contains(&v.trim());
                            dialog |= v.trim() == "dialog";
                        }
                        "aria-modal" => modal = v.trim() == "true",
                        "hidden" => hidden = true,
                        "aria-hidden" if v.trim() == "true" => flags |= DROPPED,
                        "style" if hides(v) => flags |= DROPPED,
                        "rel" if v.trim() == "author" => byline_like = true,
                        "itemprop" if v.contains("author") => byline_like = true,
                        "href"
                            if tag == Tag::A && v.trim().len() > 1 && v.trim().starts_with('#') =>
                        {
                            flags |= HASH_LINK
                        }
                        "summary" if tag == Tag::Table => flags |= DATA_TABLE,
                        _ => {}
                    }
                }
                // Hidden, except React's streamed segments: a server-rendered page sends the
                // parts that were not ready at first in `<div hidden id="S:0">`, which a script
                // then moves where they belong; on such pages that is the article.
                if hidden && !streamed {
                    flags |= DROPPED;
                }
                // Dialogs (cookie consent, newsletter pop-ups) are never the article.
                if dialog && (modal || name == "dialog") {
                    flags |= DROPPED;
                }
                if name == "header" {
                    flags |= HEADER;
                }
                if bits & W_SHARE != 0 {
                    flags |= SHARE;
                }
                if bits & W_BYLINE != 0 {
                    byline_like = true;
                }
                let unlikely = (bits & W_UNLIKELY != 0 && bits & W_MAYBE == 0 || role_unlikely)
                    && !matches!(tag, Tag::Body | Tag::A)
                    && !ctx.in_table_or_code;
                if unlikely {
                    flags |= UNLIKELY;
                }
                Kind::Element(tag)
            }
            _ => Kind::Skip,
        });
        match kind {
            None | Some(Kind::Skip) => Opened::Skip,
            Some(Kind::Text(start, end)) => {
                let id = self.new_node(Tag::Text);
                let mut counts = Stats::default();
                text_stats(&self.text[start as usize..end as usize], &mut counts);
                let n = &mut self.nodes[id as usize];
                n.text = (start, end);
                n.chars = counts.chars;
                n.words = counts.words;
                n.commas = counts.commas;
                Opened::Text(id)
            }
            Some(Kind::Element(tag)) => {
                let id = self.new_node(tag);
                let n = &mut self.nodes[id as usize];
                n.flags = flags;
                n.weight = weight;
                n.class = class;
                Opened::Element(OpenElement {
                    next: dom.first_child(),
                    id,
                    ctx: Context {
                        in_table_or_code: ctx.in_table_or_code
                            || matches!(tag, Tag::Table | Tag::Code),
                    },
                    children: Vec::new(),
                    byline_like,
                })
            }
        }
    }

    /// Finishes an element once its children are copied; returns its id, or its only
    /// paragraph's when it is a `div` around one.
    fn close(&mut self, open: OpenElement, titles: &[&str]) -> u32 {
        let id = open.id;
        let tag = self.nodes[id as usize].tag;
        let children = if tag == Tag::Div {
            self.wrap_phrasing(open.children)
        } else {
            open.children
        };
        self.adopt(id, children);
        let (chars, flags) = {
            let n = &self.nodes[id as usize];
            (n.chars, n.flags)
        };
        // Empty blocks, and the headline again: dropped.
        if matches!(tag, Tag::Div | Tag::Section | Tag::Heading(_)) || flags & HEADER != 0 {
            if chars == 0
                && self.nodes[id as usize].children.iter().all(|&c| {
                    self.is_blank(c) || matches!(self.nodes[c as usize].tag, Tag::Br | Tag::Hr)
                })
            {
                self.nodes[id as usize].flags |= DROPPED;
            }
            if matches!(tag, Tag::Heading(1 | 2)) && chars > 0 && !titles.is_empty() {
                let mut heading = String::new();
                self.plain_text(id, &mut heading);
                if titles.iter().any(|t| similarity(t, &heading) > 0.75) {
                    self.nodes[id as usize].flags |= DROPPED;
                }
            }
        }
        if open.byline_like
            && self.byline.is_none()
            && self.nodes[id as usize].flags & DROPPED == 0
            && chars < 100
        {
            let mut line = String::new();
            self.plain_text(id, &mut line);
            let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
            let len = line.chars().count();
            if len > 0 && len < 100 {
                self.byline = Some(line);
                self.nodes[id as usize].flags |= DROPPED;
            }
        }
        match tag {
            Tag::Tr => {
                let cells = self.nodes[id as usize]
                    .children
                    .iter()
                    .filter(|&&c| matches!(self.nodes[c as usize].tag, Tag::Td | Tag::Th))
                    .count();
                self.nodes[id as usize].cols = cells.min(u16::MAX as usize) as u16;
            }
            Tag::Table => self.mark_data_table(id),
            Tag::Div => return self.unwrap_single_paragraph(id),
            _ => {}
        }
        id
    }

    /// Makes `children` the children of `id` and sums their static figures into it.
    fn adopt(&mut self, id: u32, children: Vec<u32>) {
        let (mut chars, mut words, mut commas, mut link) = (0, 0, 0, 0.0);
        let mut has_block = false;
        for &c in &children {
            let child = &mut self.nodes[c as usize];
            child.parent = id;
            chars += child.chars;
            words += child.words;
            commas += child.commas;
            link += child.link;
            has_block |= child.has_block || child.tag.is_div_block();
        }
        let n = &mut self.nodes[id as usize];
        if n.tag == Tag::A {
            let len = chars + u32::saturating_sub(words, 1);
            link = len as f32 * if n.flags & HASH_LINK != 0 { 0.3 } else { 1.0 };
        }
        n.chars = chars;
        n.words = words;
        n.commas = commas;
        n.link = link;
        n.has_block = has_block;
        n.children = children;
    }

    /// Readability's `_markDataTables`: whether a table holds data rather than layout.
    fn mark_data_table(&mut self, id: u32) {
        let mut rows = 0u32;
        let mut cols = 0u16;
        let mut head = false;
        let mut nested = false;
        let mut stack: Vec<u32> = self.nodes[id as usize].children.clone();
        while let Some(n) = stack.pop() {
            let node = &self.nodes[n as usize];
            match node.tag {
                Tag::Tr => {
                    rows += 1;
                    cols = cols.max(node.cols);
                }
                Tag::Th | Tag::TableHead => head = true,
                Tag::Table => nested = true,
                _ => {}
            }
            if node.tag != Tag::Table {
                stack.extend_from_slice(&node.children);
            }
        }
        let node = &mut self.nodes[id as usize];
        node.cols = cols;
        // A summary or a header says data; else a nested table says layout; else the size.
        let data = node.flags & DATA_TABLE != 0
            || head
            || !nested
                && rows != 1
                && cols != 1
                && (rows >= 10 || cols > 4 || rows * cols as u32 > 10);
        if data {
            node.flags |= DATA_TABLE;
        } else {
            node.flags &= !DATA_TABLE;
        }
    }

    /// Readability's treatment of a `div`'s children: runs of phrasing content become
    /// paragraphs (split where two line breaks follow each other, as `_replaceBrs` does).
    fn wrap_phrasing(&mut self, children: Vec<u32>) -> Vec<u32> {
        if children.iter().all(|&c| !self.is_phrasing(c)) {
            return children;
        }
        let mut out = Vec::with_capacity(children.len());
        let mut run: Vec<u32> = Vec::new();
        let mut brs = 0;
        for c in children {
            if self.is_phrasing(c) {
                if self.nodes[c as usize].tag == Tag::Br {
                    brs += 1;
                    if brs >= 2 {
                        self.close_run(&mut run, &mut out);
                        continue;
                    }
                } else if !self.is_blank(c) {
                    brs = 0;
                }
                if run.is_empty() && self.is_blank(c) {
                    out.push(c);
                } else {
                    run.push(c);
                }
            } else {
                brs = 0;
                self.close_run(&mut run, &mut out);
                out.push(c);
            }
        }
        self.close_run(&mut run, &mut out);
        out
    }

    fn close_run(&mut self, run: &mut Vec<u32>, out: &mut Vec<u32>) {
        // Trailing white space and line breaks stay outside the paragraph.
        let mut tail = Vec::new();
        while let Some(&last) = run.last() {
            if self.is_blank(last) || self.nodes[last as usize].tag == Tag::Br {
                tail.push(last);
                run.pop();
            } else {
                break;
            }
        }
        if !run.is_empty() {
            let p = self.new_node(Tag::P);
            self.adopt(p, std::mem::take(run));
            out.push(p);
        }
        out.extend(tail.into_iter().rev());
        run.clear();
    }

    /// A `div` holding a single paragraph and nothing else is that paragraph; a `div` with no
    /// block inside is a paragraph.
    fn unwrap_single_paragraph(&mut self, id: u32) -> u32 {
        let n = &self.nodes[id as usize];
        let mut elements = n
            .children
            .iter()
            .filter(|&&c| self.nodes[c as usize].tag != Tag::Text);
        let only = elements.next().copied();
        let single_p = only.is_some_and(|c| self.nodes[c as usize].tag == Tag::P)
            && elements.next().is_none()
            && n.children
                .iter()
                .all(|&c| self.nodes[c as usize].tag != Tag::Text || self.is_blank(c));
        if single_p {
            let n = &self.nodes[id as usize];
            let len = n.chars + n.words.saturating_sub(1);
            if len == 0 || n.link / (len as f32) < 0.25 {
                let p = only.unwrap_or(id);
                // The div's own marks (its class, a hidden flag) carry over to the paragraph.
                let (flags, weight, class) = {
                    let d = &self.nodes[id as usize];
                    (d.flags, d.weight, d.class)
                };
                let pn = &mut self.nodes[p as usize];
                pn.flags |= flags;
                if pn.class == 0 {
                    pn.weight = weight;
                    pn.class = class;
                }
                return p;
            }
        }
        if !self.nodes[id as usize].has_block {
            self.nodes[id as usize].tag = Tag::P;
        }
        id
    }

    /// Adds to `own` (the figures of `n`'s subtree) what `n` itself counts for.
    fn count_element(&self, n: &Node, own: &mut Stats) {
        let len = own.len();
        match n.tag {
            Tag::A => {
                own.link = len as f32 * if n.flags & HASH_LINK != 0 { 0.3 } else { 1.0 };
            }
            Tag::P => own.p += 1,
            Tag::Img => own.img += 1,
            Tag::Li => {
                own.li += 1;
                own.li_text += len;
            }
            Tag::Input => own.input += 1,
            Tag::Embed | Tag::Iframe => own.embed += 1,
            Tag::Heading(_) => own.heading += len,
            Tag::Table if n.flags & DATA_TABLE != 0 => own.data_tables += 1,
            _ => {}
        }
        if n.tag.is_textish() {
            own.textish += len;
        }
    }

    /// One pass of Readability's rules: the article's formatted text.
    fn attempt(&self, rules: Rules) -> String {
        let skip =
            |n: &Node| n.flags & DROPPED != 0 || rules.strip_unlikely && n.flags & UNLIKELY != 0;
        // Figures of every node, bottom-up.
        let mut stats = vec![Stats::default(); self.nodes.len()];
        let mut alive = vec![false; self.nodes.len()];
        self.sum_all(&skip, &mut stats, &mut alive);

        // Score the paragraphs into their ancestors.
        let mut score: Vec<f32> = vec![f32::NAN; self.nodes.len()];
        let init = |id: u32, score: &mut Vec<f32>| {
            if score[id as usize].is_nan() {
                let n = &self.nodes[id as usize];
                let w = if rules.weigh_classes {
                    n.weight as f32
                } else {
                    0.0
                };
                score[id as usize] = n.tag.base_score() + w;
            }
        };
        for &id in &self.order {
            let n = &self.nodes[id as usize];
            if !alive[id as usize] || !n.tag.is_scored() || n.parent == NONE {
                continue;
            }
            let s = &stats[id as usize];
            let len = s.len();
            if len < 25 {
                continue;
            }
            let content = 1.0 + (s.commas + 1) as f32 + (len / 100).min(3) as f32;
            let mut ancestor = n.parent;
            let mut level = 0;
            while ancestor != NONE && level < 5 {
                let divider = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f32 * 3.0,
                };
                init(ancestor, &mut score);
                score[ancestor as usize] += content / divider;
                ancestor = self.nodes[ancestor as usize].parent;
                level += 1;
            }
        }
        // Scale by the share of text that is not links; keep the best few.
        let mut top: Vec<(u32, f32)> = Vec::with_capacity(TOP_CANDIDATES + 1);
        for &id in &self.order {
            let s = score[id as usize];
            if s.is_nan() {
                continue;
            }
            // Low scores are left as they are (dom_smoothie's `min_score_to_adjust`), and
            // elements that end up with nothing in their favour are no candidates.
            let scaled = if s > MIN_SCORE_TO_ADJUST {
                s * (1.0 - stats[id as usize].link_density())
            } else {
                s
            };
            score[id as usize] = scaled;
            if scaled <= 0.0 {
                continue;
            }
            let at = top
                .iter()
                .position(|&(_, t)| scaled > t)
                .unwrap_or(top.len());
            if at < TOP_CANDIDATES {
                top.insert(at, (id, scaled));
                top.truncate(TOP_CANDIDATES);
            }
        }
        let score_of = |id: u32| -> Option<f32> {
            let s = score[id as usize];
            (!s.is_nan()).then_some(s)
        };

        let (mut top_id, top_score) = match top.first() {
            Some(&(id, s)) if id != self.body => (id, s),
            _ => {
                // No candidate: the whole body is the article.
                return self.render(&[self.body], rules, &alive);
            }
        };
        // Several near-best candidates under one ancestor: the ancestor is the article.
        let alternatives: Vec<Vec<u32>> = top[1..]
            .iter()
            .filter(|&&(_, s)| s / top_score >= 0.75)
            .map(|&(id, _)| self.ancestors(id))
            .collect();
        if alternatives.len() >= 3 {
            let mut parent = self.nodes[top_id as usize].parent;
            while parent != NONE && self.nodes[parent as usize].tag != Tag::Body {
                let holding = alternatives.iter().filter(|a| a.contains(&parent)).count();
                if holding >= 3 {
                    top_id = parent;
                    break;
                }
                parent = self.nodes[parent as usize].parent;
            }
        }
        let mut top_score = score_of(top_id).unwrap_or_else(|| {
            let n = &self.nodes[top_id as usize];
            n.tag.base_score()
                + if rules.weigh_classes {
                    n.weight as f32
                } else {
                    0.0
                }
        });
        // A parent whose score rises above its child's holds more of the article.
        let mut parent = self.nodes[top_id as usize].parent;
        let mut last = top_score;
        let threshold = last / 3.0;
        while parent != NONE && self.nodes[parent as usize].tag != Tag::Body {
            let Some(ps) = score_of(parent) else {
                parent = self.nodes[parent as usize].parent;
                continue;
            };
            if ps < threshold {
                break;
            }
            if ps > last {
                top_id = parent;
                top_score = ps;
                break;
            }
            last = ps;
            parent = self.nodes[parent as usize].parent;
        }
        // An only child is its parent.
        loop {
            let parent = self.nodes[top_id as usize].parent;
            if parent == NONE || self.nodes[parent as usize].tag == Tag::Body {
                break;
            }
            let live_elements = self.nodes[parent as usize]
                .children
                .iter()
                .filter(|&&c| alive[c as usize] && self.nodes[c as usize].tag != Tag::Text)
                .count();
            if live_elements != 1 {
                break;
            }
            top_id = parent;
            if let Some(s) = score_of(top_id) {
                top_score = s;
            }
        }
        // The siblings that score near it, or read like paragraphs, join it.
        let parent = self.nodes[top_id as usize].parent;
        let mut roots = Vec::new();
        if parent == NONE {
            roots.push(top_id);
        } else {
            let threshold = (top_score * 0.2).max(10.0);
            let top_class = self.nodes[top_id as usize].class;
            for &sib in &self.nodes[parent as usize].children {
                if !alive[sib as usize] {
                    continue;
                }
                let n = &self.nodes[sib as usize];
                if sib == top_id {
                    roots.push(sib);
                    continue;
                }
                if n.tag == Tag::Text {
                    continue;
                }
                let bonus = if top_class != 0 && n.class == top_class {
                    top_score * 0.2
                } else {
                    0.0
                };
                let joins = if score_of(sib).is_some_and(|s| s + bonus >= threshold) {
                    true
                } else if n.tag == Tag::P {
                    let s = &stats[sib as usize];
                    let (len, density) = (s.len(), s.link_density());
                    len > 80 && density < 0.25
                        || len > 0 && len < 80 && density == 0.0 && {
                            let mut t = String::new();
                            self.plain_text(sib, &mut t);
                            ends_sentence(&t)
                        }
                } else {
                    false
                };
                if joins {
                    roots.push(sib);
                }
            }
        }
        self.render(&roots, rules, &alive)
    }

    fn ancestors(&self, id: u32) -> Vec<u32> {
        let mut out = Vec::new();
        let mut a = self.nodes[id as usize].parent;
        while a != NONE {
            out.push(a);
            a = self.nodes[a as usize].parent;
        }
        out
    }

    /// Figures of every node of the page, and which nodes this attempt's rules leave.
    fn sum_all(&self, skip: &dyn Fn(&Node) -> bool, stats: &mut [Stats], alive: &mut [bool]) {
        // Parents before children, then children before parents.
        for &id in &self.order {
            let n = &self.nodes[id as usize];
            alive[id as usize] = !skip(n) && (n.parent == NONE || alive[n.parent as usize]);
        }
        for &id in self.order.iter().rev() {
            if !alive[id as usize] {
                continue;
            }
            let n = &self.nodes[id as usize];
            let mut own = Stats::default();
            if n.tag == Tag::Text {
                own = n.text_stats();
            } else {
                for &c in &n.children {
                    if alive[c as usize] {
                        own.add(&stats[c as usize]);
                    }
                }
                self.count_element(n, &mut own);
            }
            stats[id as usize] = own;
        }
    }

    /// Cleans the article (Readability's `_prepArticle`) and lays out its text.
    fn render(&self, roots: &[u32], rules: Rules, alive: &[bool]) -> String {
        let mut kept = vec![false; self.nodes.len()];
        let mut stats = vec![Stats::default(); self.nodes.len()];
        let mut place = vec![(0u32, false, false); self.nodes.len()];
        for &r in roots {
            self.clean(r, rules, alive, &mut kept, &mut stats, &mut place);
        }
        let mut out = String::new();
        for &r in roots {
            self.format(r, &kept, &mut out);
            break_paragraph(&mut out);
        }
        out.truncate(out.trim_end().len());
        out
    }

    /// Decides, children before parents, which nodes of the article under `root` stay, and
    /// sums the figures of what stays.
    fn clean(
        &self,
        root: u32,
        rules: Rules,
        alive: &[bool],
        kept: &mut [bool],
        stats: &mut [Stats],
        place: &mut [(u32, bool, bool)],
    ) {
        // Where each node stands, top-down: (depth, inside a table of data, inside a figure).
        let order = self.preorder(root);
        for &id in &order {
            let n = &self.nodes[id as usize];
            let (depth, in_data_table, in_figure) = if id == root {
                (0, false, false)
            } else {
                let (d, t, f) = place[n.parent as usize];
                let parent = &self.nodes[n.parent as usize];
                (
                    d + 1,
                    t || parent.tag == Tag::Table && parent.flags & DATA_TABLE != 0,
                    f || parent.tag == Tag::Figure,
                )
            };
            place[id as usize] = (depth, in_data_table, in_figure);
        }
        for &id in order.iter().rev() {
            let n = &self.nodes[id as usize];
            if !alive[id as usize] {
                continue;
            }
            match n.tag {
                Tag::Chrome | Tag::Embed | Tag::Iframe | Tag::Input => continue,
                Tag::Heading(1 | 2) if rules.weigh_classes && n.weight < 0 => continue,
                Tag::Text => {
                    stats[id as usize] = n.text_stats();
                    kept[id as usize] = true;
                    continue;
                }
                _ => {}
            }
            let (depth, in_data_table, in_figure) = place[id as usize];
            let mut own = Stats::default();
            for &c in &n.children {
                if kept[c as usize] {
                    own.add(&stats[c as usize]);
                }
            }
            self.count_element(n, &mut own);
            // The article's top-level elements are cleaned as `div`s, unless they are
            // sections, paragraphs or lists (Readability renames the others, `td`, `form`,
            // `main`…, so that they are cleaned at all).
            let tag = if depth == 0
                && !matches!(
                    n.tag,
                    Tag::Article | Tag::Section | Tag::P | Tag::Ol | Tag::Ul
                ) {
                Tag::Div
            } else {
                n.tag
            };
            // Share buttons below the article's top level.
            if depth >= 1 && n.flags & SHARE != 0 && own.len() < 500 {
                continue;
            }
            if rules.clean_conditionally
                && matches!(
                    tag,
                    Tag::Form | Tag::Fieldset | Tag::Table | Tag::Ul | Tag::Div
                )
                && !in_data_table
                && own.data_tables == 0
                && self.fishy(n, tag, &own, rules, in_figure)
            {
                continue;
            }
            if n.tag == Tag::P && own.chars == 0 && own.img == 0 && own.embed == 0 {
                continue;
            }
            kept[id as usize] = true;
            stats[id as usize] = own;
        }
    }

    /// Readability's `_cleanConditionally`: whether a container in the article is a link list,
    /// a gallery, a form or an advertisement rather than part of the text.
    fn fishy(&self, n: &Node, tag: Tag, s: &Stats, rules: Rules, in_figure: bool) -> bool {
        let len = s.len();
        let is_list =
            matches!(tag, Tag::Ul | Tag::Ol) || len > 0 && s.li_text as f32 / len as f32 > 0.9;
        let weight = if rules.weigh_classes {
            n.weight as i32
        } else {
            0
        };
        if weight < 0 {
            return true;
        }
        if s.commas >= 10 {
            return false;
        }
        let p = s.p as f32;
        let img = s.img as f32;
        let li = s.li as f32 - 100.0;
        let input = s.input as f32;
        let heading_density = if len == 0 {
            0.0
        } else {
            s.heading as f32 / len as f32
        };
        let text_density = if len == 0 {
            0.0
        } else {
            s.textish as f32 / len as f32
        };
        let link_density = s.link_density();
        let embeds = s.embed;
        !in_figure && img > 1.0 && p / img < 0.5
            || !is_list && li > p
            || input > (p / 3.0).floor()
            || !is_list
                && heading_density < 0.9
                && len < 25
                && (img == 0.0 || img > 2.0)
                && !in_figure
                && link_density > 0.0
            || !is_list && weight < 25 && link_density > 0.2
            || weight >= 25 && link_density > 0.5
            || embeds == 1 && len < 75
            || embeds > 1
            || img == 0.0 && text_density == 0.0
    }

    /// Appends the kept subtree's text, formatted: blocks on paragraphs of their own, line
    /// breaks and list items on lines of their own, table cells apart.
    fn format(&self, root: u32, kept: &[bool], out: &mut String) {
        // (node, whether its children are done)
        let mut stack = vec![(root, false)];
        while let Some((id, closing)) = stack.pop() {
            let n = &self.nodes[id as usize];
            let block = n.tag.is_paragraph_block();
            if closing {
                if out.is_empty() || out.ends_with("\n\n") {
                    continue;
                }
                match n.tag {
                    _ if block => break_paragraph(out),
                    Tag::Br | Tag::Hr | Tag::Li | Tag::Tr => {
                        trim_trailing_space(out);
                        out.push('\n');
                    }
                    Tag::Td | Tag::Th if !out.ends_with(['\n', ' ']) => out.push(' '),
                    _ => {}
                }
                continue;
            }
            if !kept[id as usize] {
                continue;
            }
            if n.tag == Tag::Text {
                push_text(out, &self.text[n.text.0 as usize..n.text.1 as usize]);
                continue;
            }
            if block && !(out.is_empty() || out.ends_with("\n\n")) {
                trim_trailing_space(out);
                out.push('\n');
            }
            stack.push((id, true));
            stack.extend(n.children.iter().rev().map(|&c| (c, false)));
        }
    }
}

fn ends_sentence(text: &str) -> bool {
    // Readability's `\.( |$)`; Arabic sentences end the same way.
    let t = text.trim_end();
    t.ends_with('.') || t.contains(". ")
}

fn break_paragraph(out: &mut String) {
    if out.is_empty() || out.ends_with("\n\n") {
        return;
    }
    trim_trailing_space(out);
    if out.ends_with('\n') {
        out.push('\n');
    } else {
        out.push_str("\n\n");
    }
}

fn trim_trailing_space(s: &mut String) {
    s.truncate(s.trim_end_matches(' ').len());
}

/// Appends a text node's text with its white space collapsed.
fn push_text(out: &mut String, text: &str) {
    let follows_break = out.is_empty() || out.ends_with(['\n', ' ']);
    let mut words = text.split_whitespace();
    let Some(first) = words.next() else {
        if !follows_break && !text.is_empty() {
            out.push(' ');
        }
        return;
    };
    if !follows_break && text.starts_with(char::is_whitespace) {
        out.push(' ');
    }
    out.push_str(first);
    for w in words {
        out.push(' ');
        out.push_str(w);
    }
    if text.ends_with(char::is_whitespace) {
        out.push(' ');
    }
}

/// Adds a text node's characters, words and commas to `s`.
fn text_stats(text: &str, s: &mut Stats) {
    let mut in_word = false;
    for c in text.chars() {
        if c.is_whitespace() {
            in_word = false;
            continue;
        }
        s.chars += 1;
        if !in_word {
            s.words += 1;
            in_word = true;
        }
        if is_comma(c) {
            s.commas += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A paragraph of real Arabic news text, long enough to score (the scorer reads paragraphs
    /// of 25 characters or more, and a comma adds to a paragraph's score).
    const P1: &str = "أعلنت وزارة الصحة، اليوم الأحد، عن تسجيل حالات جديدة في ولاية صفاقس، \
        وقالت إن الوضع الوبائي تحت السيطرة رغم ارتفاع عدد الإصابات خلال الأسبوع الماضي.";
    const P2: &str = "وأضافت الوزارة، في بلاغ نشرته على صفحتها الرسمية، أن فرق التقصي \
        تواصل عملها في المعتمديات المعنية، وأن حملة التلقيح ستتواصل إلى نهاية الشهر الجاري.";
    const P3: &str = "ودعت المواطنين إلى الالتزام بالبروتوكول الصحي، وخاصة ارتداء الكمامة \
        في الفضاءات المغلقة، وتجنب التجمعات، والإسراع بالتسجيل في منظومة التلقيح.";

    fn article(html: &str) -> Found {
        let doc = Document::from(html);
        find_article(&doc, &["حالات جديدة في صفاقس - الجوهرة أف أم"])
    }

    fn page(body: &str) -> String {
        format!("<html><head><title>حالات جديدة في صفاقس - الجوهرة أف أم</title></head><body>{body}</body></html>")
    }

    #[test]
    fn the_article_is_found_and_the_menu_sidebar_and_footer_are_left_out() {
        let links: String = (1..=12)
            .map(|i| format!("<li><a href=\"/n/{i}\">عنوان خبر آخر رقم {i} في الموقع</a></li>"))
            .collect();
        let html = page(&format!(
            "<nav class=\"menu\"><ul><li><a href=\"/\">الرئيسية</a></li><li><a href=\"/w\">وطنية</a></li></ul></nav>\
             <div class=\"sidebar\"><h3>الأكثر قراءة</h3><ul>{links}</ul></div>\
             <div class=\"article-body\"><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>\
             <div class=\"footer\">جميع الحقوق محفوظة</div>"
        ));
        let found = article(&html);
        for p in [P1, P2, P3] {
            let first = p.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
            assert!(
                found.text.contains(&first),
                "{first} missing from {}",
                found.text
            );
        }
        for chrome in ["الرئيسية", "الأكثر قراءة", "عنوان خبر آخر", "جميع الحقوق"]
        {
            assert!(
                !found.text.contains(chrome),
                "{chrome} kept in {}",
                found.text
            );
        }
        // Paragraphs stay apart.
        assert_eq!(found.text.split("\n\n").count(), 3, "{}", found.text);
    }

    #[test]
    fn text_and_double_line_breaks_in_a_div_become_paragraphs() {
        let html = page(&format!(
            "<div class=\"content\">{P1}<br><br>{P2}<br>\n<br>{P3}</div>"
        ));
        let found = article(&html);
        let paragraphs: Vec<&str> = found.text.split("\n\n").collect();
        assert_eq!(paragraphs.len(), 3, "{:?}", found.text);
        assert!(
            paragraphs[1].starts_with("وأضافت الوزارة"),
            "{}",
            found.text
        );
    }

    #[test]
    fn hidden_elements_and_dialogs_are_dropped_but_streamed_segments_are_kept() {
        let hidden = page(&format!(
            "<div class=\"post\"><p>{P1}</p><p>{P2}</p></div>\
             <div hidden><p>{P3}</p></div>\
             <div role=\"dialog\" aria-modal=\"true\"><p>نحن نهتم بخصوصيتك، ونستعمل ملفات تعريف الارتباط لتحسين تجربتك في التصفح وقياس الجمهور.</p></div>"
        ));
        let found = article(&hidden);
        assert!(found.text.contains("وأضافت الوزارة"), "{}", found.text);
        assert!(!found.text.contains("ودعت المواطنين"), "{}", found.text);
        assert!(!found.text.contains("خصوصيتك"), "{}", found.text);

        // React sends what was not ready at first in a hidden `S:0` segment.
        let streamed = page(&format!(
            "<template id=\"B:0\"></template><div hidden id=\"S:0\"><div class=\"post\"><p>{P1}</p><p>{P2}</p><p>{P3}</p></div></div>"
        ));
        assert!(article(&streamed).text.contains("ودعت المواطنين"));
    }

    #[test]
    fn a_heading_that_repeats_the_title_is_left_out_and_the_byline_is_taken_apart() {
        let html = page(&format!(
            "<div class=\"entry\"><h1>حالات جديدة في صفاقس</h1><span class=\"author\">بقلم: سنية العياري</span>\
             <p>{P1}</p><p>{P2}</p><p>{P3}</p></div>"
        ));
        let found = article(&html);
        assert!(
            !found.text.contains("حالات جديدة في صفاقس\n"),
            "{}",
            found.text
        );
        assert!(!found.text.contains("سنية"), "{}", found.text);
        assert_eq!(found.byline.as_deref(), Some("بقلم: سنية العياري"));
    }

    #[test]
    fn a_table_of_data_in_the_article_is_kept_and_a_share_box_is_not() {
        let rows: String = (1..=4)
            .map(|i| {
                format!(
                    "<tr><td>الولاية {i}</td><td>{}</td><td>{}</td></tr>",
                    i * 10,
                    i * 3
                )
            })
            .collect();
        let html = page(&format!(
            "<div class=\"article\"><p>{P1}</p>\
             <div class=\"scroll-x\"><table><tr><th>الولاية</th><th>الإصابات</th><th>الوفيات</th></tr>{rows}</table></div>\
             <p>{P2}</p><div class=\"share-buttons\"><a href=\"#fb\">شارك على فيسبوك</a></div><p>{P3}</p></div>"
        ));
        let found = article(&html);
        assert!(found.text.contains("الإصابات"), "{}", found.text);
        assert!(found.text.contains("الولاية 4"), "{}", found.text);
        assert!(!found.text.contains("شارك"), "{}", found.text);
    }

    #[test]
    fn a_short_article_is_still_found_by_the_later_attempts() {
        // The text's container is named like a comment box: the first attempt drops it as
        // unlikely, and what is left is under 500 characters.
        let html = page(&format!("<div class=\"comment-body\"><p>{P1}</p></div>"));
        let found = article(&html);
        assert!(found.text.contains("أعلنت وزارة الصحة"), "{}", found.text);
    }

    #[test]
    fn class_names_are_read_as_readability_reads_them() {
        assert_eq!(name_weight(name_bits("article-content")), 25);
        assert_eq!(name_weight(name_bits("sidebar widget")), -25);
        assert_eq!(name_weight(name_bits("md:hidden")), -25);
        assert_eq!(name_weight(name_bits("hid")), -25);
        assert_eq!(name_weight(name_bits("hidx")), 0);
        assert_ne!(name_bits("Post-Body") & W_POSITIVE, 0, "case is ignored");
        assert_ne!(name_bits("social-share") & W_SHARE, 0);
        assert_eq!(
            name_bits("shared-items") & W_SHARE,
            0,
            "share as a whole word only"
        );
        let menu = name_bits("main-menu");
        assert!(menu & W_UNLIKELY != 0 && menu & W_MAYBE != 0);
        assert!(
            is_streamed_segment("S:12")
                && !is_streamed_segment("S:")
                && !is_streamed_segment("SS:1")
        );
        assert!(hides("display: none") && hides("VISIBILITY:hidden") && !hides("display:block"));
    }

    use proptest::prelude::*;

    /// Markup from the pieces the rules look at: scored and unscored tags, links, line
    /// breaks, tables, lists, class names from the word lists, hidden and dialog elements.
    fn markup() -> impl Strategy<Value = String> {
        let text = prop_oneof![
            Just("أعلنت وزارة الصحة، اليوم، عن حالات جديدة".to_owned()),
            Just("وقال الوزير إن الوضع تحت السيطرة.".to_owned()),
            Just("  ".to_owned()),
            "[a-z ,.]{0,40}",
            "[ء-ي ،]{0,60}",
        ];
        let leaf = prop_oneof![
            text.clone(),
            Just("<br>".to_owned()),
            Just("<br><br>".to_owned()),
            Just("<img src=x>".to_owned()),
            Just("<input>".to_owned()),
            text.prop_map(|t| format!("<a href=\"#x\">{t}</a>")),
        ];
        leaf.prop_recursive(6, 120, 6, |inner| {
            let tag = prop_oneof![
                Just("div"),
                Just("p"),
                Just("section"),
                Just("article"),
                Just("span"),
                Just("a"),
                Just("table"),
                Just("tr"),
                Just("td"),
                Just("ul"),
                Just("li"),
                Just("h1"),
                Just("h2"),
                Just("form"),
                Just("figure"),
                Just("aside"),
                Just("header"),
                Just("code"),
            ];
            let attr = prop_oneof![
                Just(""),
                Just(" class=\"content\""),
                Just(" class=\"sidebar menu\""),
                Just(" class=\"share\""),
                Just(" class=\"author\""),
                Just(" id=\"S:0\" hidden"),
                Just(" hidden"),
                Just(" role=\"dialog\" aria-modal=\"true\""),
                Just(" style=\"display: none\""),
                Just(" summary=\"x\""),
            ];
            (tag, attr, prop::collection::vec(inner, 0..6)).prop_map(|(tag, attr, children)| {
                format!("<{tag}{attr}>{}</{tag}>", children.concat())
            })
        })
    }

    proptest! {
        #[test]
        fn extraction_never_panics_and_only_gives_the_page_s_words(body in markup()) {
            let html = format!("<html><head><title>عنوان</title></head><body>{body}</body></html>");
            let doc = Document::from(html.as_str());
            let found = find_article(&doc, &["عنوان"]);
            // What is kept is the page's text, in the page's order, with parts left out and
            // white space laid out anew.
            let page: Vec<char> = doc.select("body").text().chars().filter(|c| !c.is_whitespace()).collect();
            let mut at = 0;
            for c in found.text.chars().filter(|c| !c.is_whitespace()) {
                match page[at..].iter().position(|&p| p == c) {
                    Some(i) => at += i + 1,
                    None => prop_assert!(false, "{c} does not follow on the page: {}", found.text),
                }
            }
            prop_assert!(!found.text.starts_with(char::is_whitespace));
            prop_assert!(!found.text.ends_with(char::is_whitespace));
            prop_assert!(!found.text.contains("\n\n\n"));
        }

        #[test]
        fn arbitrary_text_as_markup_never_panics(html in any::<String>()) {
            let _ = find_article(&Document::from(html.as_str()), &[&html]);
        }
    }

    #[test]
    fn a_page_with_no_body_text_gives_an_empty_article() {
        assert!(article("<html><body></body></html>").text.is_empty());
        assert!(article("").text.is_empty());
        assert!(article("<div><div><span> </span></div></div>")
            .text
            .is_empty());
    }
}
