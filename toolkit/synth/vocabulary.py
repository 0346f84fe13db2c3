"""Word lists the generators draw from: names, profile texts, tweet phrases, hashtags, clients.

Everything here is invented for the synthetic data. Phrases are grouped by topic; a tweet's text is
two phrases of its topic (plus hashtags), so texts vary without per-row Python string building.
Nothing in a topic's wording names a role: operation content reads like the propaganda it imitates.
"""

from __future__ import annotations

LATIN_FIRST = (
    "Lisa", "Mark", "Anna", "Tom", "Sarah", "David", "Emma", "James", "Chloe", "Kevin", "Grace", "Ryan", "Amy",
    "Jason", "Kelly", "Eric", "Vivian", "Peter", "Joyce", "Alan", "Fiona", "Brian", "Irene", "Derek", "Helen",
    "Oscar", "Nina", "Victor", "Ruby", "Leo", "Maggie", "Sam", "Tina", "Ben", "Winnie", "Jack", "Zoe", "Gary",
)
LATIN_LAST = (
    "Chan", "Wong", "Lee", "Cheung", "Lau", "Ng", "Ho", "Tang", "Leung", "Smith", "Brown", "Taylor", "Miller",
    "Garcia", "Martin", "Lam", "Yip", "Tse", "Fung", "Kwok", "Jones", "Clark", "Lewis", "Walker", "Young",
)
PINYIN_GIVEN = (
    "wei", "fang", "min", "jing", "lei", "yan", "jun", "hui", "ping", "xia", "gang", "ying", "hong", "lin",
    "tao", "qiang", "mei", "yun", "bo", "xin", "hao", "jie", "li", "na", "chen", "yu",
)
PINYIN_FAMILY = ("wang", "li", "zhang", "liu", "chen", "yang", "zhao", "huang", "zhou", "wu", "xu", "sun", "ma", "zhu")
HANZI_NAMES = (
    "王偉", "李娜", "張敏", "劉洋", "陳靜", "楊帆", "趙磊", "黃蕾", "周傑", "吳芳", "徐明", "孫麗", "馬超", "朱紅",
    "胡斌", "郭靜", "何平", "林峰", "高翔", "羅琳", "梁文", "宋佳", "鄭凱", "謝婷", "韓雪", "唐宇", "馮浩", "曹穎",
)
HANDLE_WORDS = (
    "sunny", "pixel", "tea", "harbour", "night", "blue", "lion", "kite", "river", "moon", "maple", "cloud",
    "dim", "sum", "milk", "panda", "tram", "peak", "jade", "noodle", "star", "rain", "echo", "ink",
)

ORGANIC_BIOS = (
    "coffee first", "dad, runner, bad at golf", "photographer | Hong Kong", "PhD student", "views my own",
    "teacher. reader. cat person.", "software engineer", "foodie 🍜", "journalist, tips welcome", "nurse",
    "小確幸", "香港人", "喜歡攝影和旅行", "football and films", "music is life", "small business owner",
    "retired, gardening", "design / type / maps", "hiking every weekend", "mum of two", "law student",
    "writing a novel, slowly", "K-drama addict", "economics nerd", "", "", "",
)
FAN_BIOS = (
    "forever stan ✨", "fan account | streaming daily", "💜 since debut", "fan acc, not affiliated",
    "vote & stream", "loving them since 2015", "🎤🎶", "",
)
OUTLET_BIOS = (
    "Breaking news and analysis from Hong Kong", "香港時事新聞 每日更新", "Independent voice of Hong Kong news",
    "香港政治新聞 第一時間報道", "Hong Kong current affairs, 24/7", "關注香港 關注時事",
)
OPERATOR_BIOS = (
    "熱愛祖國 熱愛香港", "和平 理性", "香港是中國的香港", "關心時事", "守護香港", "愛生活 愛和平", "",
    "", "", "news & life",
)
SPAMMY_BIOS = ("", "", "", "", "hi", "follow back", "新人報到", "😊")
LOCATIONS_BY_REGION = {
    "hk": ("Hong Kong", "香港", "HK", "Kowloon", "Hong Kong SAR", "Sha Tin", ""),
    "us": ("New York, NY", "California, USA", "Seattle", "Texas", "Boston, MA", ""),
    "uk": ("London", "Manchester, England", "UK", "Edinburgh", ""),
    "tw": ("Taipei", "台灣", "Taiwan", "台北市", ""),
    "sea": ("Singapore", "Kuala Lumpur", "Manila", "Bangkok", "Jakarta", ""),
    "kr": ("Seoul", "대한민국", "Busan", ""),
}
OUTLET_NAMES = (
    ("HKpoliticalnew", "HK Political News"), ("HKnewsdaily24", "香港每日新聞"), ("hkcurrentview", "HK Current View"),
    ("HKtruthpost", "香港真相"), ("hk_newswire", "HK Newswire"), ("hkfocusnow", "香港焦點"),
    ("pearlriverdaily", "Pearl River Daily"), ("HKobserverhub", "HK Observer"),
)
ORGANIC_NEWS_NAMES = (
    ("harbourtimes", "Harbour Times"), ("hkfreewire", "HK Free Wire"), ("asiadesk_news", "Asia Desk"),
    ("worldbrief", "World Brief"), ("citywatchhk", "City Watch HK"), ("eastpress", "East Press"),
    ("globalpulse", "Global Pulse"), ("dailyledger", "The Daily Ledger"), ("metro_hk", "Metro HK"),
    ("newsroom24", "Newsroom 24"), ("pacificreport", "Pacific Report"), ("capitalwire", "Capital Wire"),
    ("morningbell", "Morning Bell"), ("tidewater_news", "Tidewater News"), ("bayline", "Bayline"),
)
IDOL_NAME = ("starlight_official", "STARLIGHT ⭐ official")

# Topics: a tweet's text is two phrases of its topic. Index order matters (TOPIC_* below).
TOPIC_PHRASES: dict[str, tuple[str, ...]] = {
    "daily_en": (
        "just finished a long day", "anyone else up this late?", "the weather is unreal today",
        "trying a new recipe tonight", "cannot believe it is already Friday", "finally watched that film",
        "my cat knocked over the plant again", "tram was packed this morning", "best dumplings in town",
        "need more coffee", "weekend plans: nothing at all", "reading a great book right now",
        "the sunset from the pier tonight", "Monday mood", "new running shoes feel amazing",
    ),
    "hk_zh": (
        "今日好熱", "飲茶先", "落雨要帶遮", "地鐵又延誤", "今晚食咩好", "周末去行山", "維港夜景真係靚",
        "加油香港人", "大家小心安全", "有冇人知道點去", "好攰但係開心", "和理非", "photos from today",
        "今日遊行人好多", "記得飲水",
    ),
    "news_en": (
        "BREAKING:", "Live updates:", "Protesters gather in Admiralty", "Legislative Council session suspended",
        "Markets close lower", "Typhoon signal No. 8 hoisted", "Government responds to march",
        "Police report arrests overnight", "Airport operations disrupted", "Analysis: what comes next",
        "Chief Executive holds press conference", "Thousands march on Sunday", "Transport update",
        "Opinion: a city at a crossroads", "Editorial:",
    ),
    "news_zh": (
        "突發：", "即時更新：", "立法會會議暫停", "大批市民參與遊行", "港股收市下跌", "八號風球懸掛",
        "政府回應遊行訴求", "機場運作受影響", "特首召開記者會", "交通消息", "評論：", "深度分析：",
    ),
    "tech_en": (
        "new release of my side project", "hot take: tabs over spaces", "debugging all day",
        "this keyboard is a game changer", "great talk at the meetup", "open source is amazing",
        "cloud bill shock again", "learning Rust this month", "benchmarks are lies",
    ),
    "sports_en": (
        "what a match!", "that goal in the 89th minute", "referee had a shocker", "season tickets renewed",
        "derby day", "injury news is worrying", "transfer window madness", "rugby sevens this weekend",
    ),
    "fandom": (
        "stream the new MV!", "they look so good here", "comeback is coming", "I am crying",
        "vote for them today", "trending worldwide!", "proud of our boys", "best performance ever",
        "this fancam 😭", "happy debut anniversary", "we love you", "1M views in an hour!",
    ),
    "idol": (
        "thank you for all the love", "see you at the concert", "new song out now", "rehearsal done ✨",
        "behind the scenes", "we miss you", "live tonight at 8", "good night everyone",
    ),
    "campus_en": (
        "library closes at midnight again", "exam week survival", "canteen food review", "group project panic",
        "graduation photos", "free pizza at the union", "lecture cancelled!", "thesis deadline",
    ),
    "op_zh": (
        "暴徒破壞香港社會秩序", "支持香港警察嚴正執法", "反對暴力 守護香港", "外國勢力插手香港事務",
        "香港是中國的香港", "所謂民主人士的真面目", "還香港一個安寧", "暴力衝擊立法會不可接受",
        "止暴制亂 刻不容緩", "市民受夠了", "真相是這樣的", "請大家看清楚", "蟑螂", "揭穿謊言",
        "支持一國兩制", "香港需要和平", "黑衣人又在搞破壞", "無辜市民受傷",
    ),
    "op_en": (
        "Rioters are destroying Hong Kong", "Support the Hong Kong police", "Say no to violence",
        "Foreign forces behind the chaos", "Hong Kong is part of China", "The truth the media hides",
        "Peace and order for Hong Kong", "Who is paying the protesters?", "Enough is enough",
    ),
    "spam_en": (
        "cheap sneakers free shipping", "click for the best deals", "earn money from home",
        "follow back 100%", "lose weight fast", "luxury watches sale", "win an iPhone now",
    ),
    "spam_id": (
        "promo hari ini", "jual murah", "gratis ongkir", "follow balik ya", "diskon besar", "order sekarang",
    ),
    "chatter": (
        "早安", "晚安", "今天天氣不錯", "哈哈", "good morning", "加油", "👍", "😊", "nice", "謝謝",
    ),
}
TOPICS = tuple(TOPIC_PHRASES)
TOPIC_LANG = {
    "daily_en": "en", "hk_zh": "zh", "news_en": "en", "news_zh": "zh", "tech_en": "en", "sports_en": "en",
    "fandom": "en", "idol": "en", "campus_en": "en", "op_zh": "zh", "op_en": "en", "spam_en": "en",
    "spam_id": "in", "chatter": "und",
}

HASHTAGS = (
    "香港", "HongKong", "HK", "反送中", "StandWithHongKong", "HongKongProtests", "香港警察", "止暴制亂",
    "守護香港", "SupportHKPolice", "一國兩制", "news", "breaking", "HKairport", "typhoon", "football",
    "tech", "python", "coffee", "weekend", "StarlightComeback", "STARLIGHT", "StreamNow", "exams", "promo",
)
HASHTAGS_BY_TOPIC = {
    "daily_en": ("coffee", "weekend"), "hk_zh": ("香港", "HK", "反送中"), "news_en": ("HongKong", "breaking", "news", "HongKongProtests"),
    "news_zh": ("香港", "news"), "tech_en": ("tech", "python"), "sports_en": ("football",),
    "fandom": ("StarlightComeback", "STARLIGHT", "StreamNow"), "idol": ("STARLIGHT",), "campus_en": ("exams",),
    "op_zh": ("香港", "香港警察", "止暴制亂", "守護香港", "一國兩制"), "op_en": ("HongKong", "SupportHKPolice", "HK"),
    "spam_en": ("promo",), "spam_id": ("promo",), "chatter": (),
}
ORGANIC_DOMAINS = ("harbourtimes.example", "hkfreewire.example", "worldbrief.example", "youtube.com", "instagram.com", "medium.com")
OUTLET_DOMAINS = ("facebook.com", "hk-truthpost.example", "pearlriverdaily.example")

CLIENTS = (
    "Twitter for iPhone", "Twitter for Android", "Twitter Web App", "Twitter Web Client", "TweetDeck",
    "Twitter for iPad", "Twitter Lite", "Hootsuite Inc.",
)
# Client mixes (probabilities over CLIENTS) by population.
CLIENT_MIX_ORGANIC = (0.42, 0.30, 0.15, 0.04, 0.03, 0.04, 0.01, 0.01)
CLIENT_MIX_NEWS = (0.05, 0.02, 0.20, 0.03, 0.45, 0.0, 0.0, 0.25)
CLIENT_MIX_CORE = (0.05, 0.25, 0.10, 0.55, 0.03, 0.0, 0.02, 0.0)
CLIENT_MIX_AMPLIFIER = (0.10, 0.45, 0.10, 0.25, 0.0, 0.0, 0.10, 0.0)

ACCOUNT_LANGS = ("en", "zh-cn", "zh-tw", "ja", "ko", "es", "id", "en-gb")
