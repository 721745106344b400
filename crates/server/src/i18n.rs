//! The interface's words, in Arabic (the default) and English: one table, so a page never
//! mixes a hard-coded string into the other language.

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Ar,
    En,
}

impl Lang {
    /// `?lang=en` asks for English; anything else is Arabic.
    pub fn from_query(query: Option<&str>) -> Lang {
        let en = query.is_some_and(|q| {
            form_urlencoded::parse(q.as_bytes()).any(|(k, v)| k == "lang" && v == "en")
        });
        if en {
            Lang::En
        } else {
            Lang::Ar
        }
    }

    /// The `lang` attribute value.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
        }
    }

    /// The `dir` attribute value.
    pub fn dir(self) -> &'static str {
        match self {
            Lang::Ar => "rtl",
            Lang::En => "ltr",
        }
    }

    /// The text in this language.
    pub fn t(self, text: Text) -> &'static str {
        match self {
            Lang::Ar => text.ar,
            Lang::En => text.en,
        }
    }
}

/// One interface text in both languages.
#[derive(Debug, Clone, Copy)]
pub struct Text {
    pub ar: &'static str,
    pub en: &'static str,
}

macro_rules! texts {
    ($($name:ident = $ar:literal / $en:literal;)*) => {
        $(pub const $name: Text = Text { ar: $ar, en: $en };)*
    };
}

texts! {
    SITE_NAME = "خبر" / "Khabar";
    TAGLINE = "أرشيف الأخبار العربية" / "Arabic news archive";
    OTHER_LANGUAGE = "English" / "العربية";
    SEARCH = "بحث" / "Search";
    SEARCH_PLACEHOLDER = "ابحث في الأرشيف…" / "Search the archive…";
    STORIES = "القصص" / "Stories";
    FILTERS = "تصفية" / "Filters";
    APPLY = "تطبيق" / "Apply";
    SOURCE = "المصدر" / "Outlet";
    SOURCES = "المصادر" / "Outlets";
    CATEGORY = "القسم" / "Category";
    CATEGORIES = "الأقسام" / "Categories";
    ENTITY = "شخص أو مكان أو هيئة" / "Person, place or organisation";
    FROM = "من" / "From";
    TO = "إلى" / "To";
    PEOPLE = "أشخاص" / "People";
    PLACES = "أماكن" / "Places";
    ORGANISATIONS = "هيئات" / "Organisations";
    ABOUT = "نحو" / "about";
    APPROXIMATE_COUNTS = "أعداد تقديرية من عينة من النتائج" / "Counts estimated from a sample of the results";
    RESULTS = "نتيجة" / "results";
    NO_RESULTS = "لا نتائج" / "No results";
    REMOVE_FILTER = "إزالة" / "remove";
    PREVIOUS = "السابق" / "Previous";
    NEXT = "التالي" / "Next";
    PAGE = "صفحة" / "Page";
    OVER_TIME = "المقالات عبر الزمن" / "Articles over time";
    CHART_HINT = "اضغط على عمود لتضييق الفترة" / "Click a bar to narrow the dates";
    ARTICLES = "مقالات" / "articles";
    ARCHIVE_HOLDS = "يضم الأرشيف" / "The archive holds";
    PUBLISHED = "تاريخ النشر" / "Published";
    AUTHOR = "الكاتب" / "Author";
    LINKS = "الروابط" / "Links";
    MENTIONS = "الأسماء الواردة" / "Mentioned";
    QUOTES = "الاقتباسات" / "Quotations";
    COPIES = "نسخ من المقال" / "Copies";
    THREAD = "القصة" / "Story thread";
    THREAD_ARTICLES = "مقالات في القصة" / "articles in the story";
    RELATED = "مقالات مرتبطة" / "Related articles";
    MENTIONS_OVER_TIME = "الذكر عبر الزمن" / "Mentions over time";
    CO_MENTIONS = "يرد ذكرهم معاً" / "Mentioned together";
    WHAT_THEY_SAID = "ما قاله" / "What they said";
    LATEST = "أحدث المقالات" / "Latest articles";
    PERSON = "شخص" / "Person";
    PLACE = "مكان" / "Place";
    ORGANISATION = "هيئة" / "Organisation";
    ARTICLES_MENTIONING = "مقالات تذكره" / "articles mention it";
    SEARCH_MENTIONS = "ابحث في المقالات التي تذكره" / "Search the articles that mention it";
    BIGGEST_STORIES = "أكبر القصص" / "Biggest stories";
    NO_STORIES = "لا قصص في هذه الفترة" / "No stories in this period";
    FIRST_ARTICLE = "أول مقال" / "First article";
    PAGE_NOT_FOUND = "الصفحة غير موجودة" / "Page not found";
    ARTICLE_NOT_FOUND = "لا يوجد مقال بهذا المعرف" / "There is no article with this id";
    ENTITY_NOT_FOUND = "لا يعرف الأرشيف هذا الاسم" / "The archive does not know this name";
    BAD_REQUEST = "طلب غير صالح" / "Bad request";
    SERVER_ERROR = "حدث خطأ في الخادم" / "The server failed";
    BACK_HOME = "العودة إلى البحث" / "Back to search";
}

/// The name of an entity type (`PERS`, `LOC`, `ORG`), singular.
pub fn entity_type(ty: &str) -> Text {
    match ty {
        "PERS" => PERSON,
        "LOC" => PLACE,
        _ => ORGANISATION,
    }
}
