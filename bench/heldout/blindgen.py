#!/usr/bin/env python3
"""blindgen — an independent synthetic generator for a coordinated-inauthentic-behaviour benchmark.

Writes a whole-population "release" modelled on Twitter information-operations archives (users.csv, tweets.csv)
plus follows.csv, ips.csv, ip_ranges.csv and the ground truth labels.csv (core / amplifier / organic).

    blindgen.py OUT_DIR --seed N [--organic 20000 --core 200 --amplifiers 4000 --days 60] [--no-flashmob]

stdlib + numpy only.  Deterministic for a given seed and size.  See README.md next to this file for the model.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import ipaddress
import math
import os
import random
import sys
import time
from collections import deque

import numpy as np

EPOCH_MS = 1288834974657          # Twitter snowflake epoch
DAY = 86400
HOUR = 3600
UTC = dt.timezone.utc


def ts_of(y, m, d, hh=0, mm=0):
    return int(dt.datetime(y, m, d, hh, mm, tzinfo=UTC).timestamp())


def iso(ts):
    return dt.datetime.fromtimestamp(int(ts), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def ymd(ts):
    return dt.datetime.fromtimestamp(int(ts), UTC).strftime("%Y-%m-%d")


# ============================================================================ text material
# Traditional -> simplified for the characters used in the banks below.
_T2S_PAIRS = ("國国 們们 這这 為为 讓让 對对 說说 會会 動动 愛爱 復复 護护 獨独 經经 濟济 發发 實实 難难 還还 "
              "眾众 請请 謠谣 時时 義义 與与 來来 從从 個个 應应 該该 亂乱 黨党 區区 體体 壞坏 權权 戰战 開开 "
              "關关 門门 學学 習习 現现 視视 點点 讀读 買买 賣卖 錢钱 車车 東东 風风 電电 話话 語语 論论 識识 "
              "認认 議议 選选 舉举 頭头 過过 進进 運运 達达 遠远 連连 邊边 聽听 見见 觀观 氣气 溫温 熱热 飯饭 "
              "館馆 鐵铁 線线 紅红 華华 萬万 歲岁 傳传 統统 團团 結结 穩稳 長长 歷历 變变 樂乐 歡欢 滅灭 擊击 "
              "問问 題题 無无 據据 圍围 報报 導导 專专 職职 標标 準准 條条 約约 協协 陽阳 雞鸡 魚鱼 鳥鸟 馬马 "
              "龍龙 勢势 惡恶 罰罚 盡尽 擁拥 寧宁 嚴严 執执 憐怜 損损 騙骗 謊谎 貴贵 堅坚 決决 預预 插插 務务 "
              "瞭了 價价 課课 罷罢 訴诉 恐恐 嘗尝 聲声 載载 綫线 顯显 據据 錄录 終终 記记 紀纪 織织 勞劳 "
              "審审 灣湾 後后 麗丽 歸归 鄉乡 島岛 們们 啟启 餘余 於于 雙双 兩两 裡里 碼码 雜杂 貓猫 飲饮 "
              "書书 畫画 內内 週周 愉愉 淨净 興兴 張张 陳陈 黃黄 劉刘 楊杨 趙赵 吳吴 鄭郑 謝谢 許许 葉叶 "
              "鄧邓 馮冯 蘇苏 盧卢 蔣蒋 羅罗 錢钱 韓韩 僅仅 雖虽 隨随 險险 題题 優优 術术 藝艺 燈灯 爭争 "
              "懷怀 歷历 強强 場场 撐撑 誰谁 處处 證证 據据 確确 認认 錯错 竊窃 該该 們们 獻献 漢汉 衛卫 園园 "
              "償偿 蘭兰 億亿 護护 鬧闹 滾滚 襲袭 麼么 甚什 裏里 騰腾 憤愤 轉转 嗎吗 點点 齡龄 當当 權权")
T2S = {}
for _p in _T2S_PAIRS.split():
    if len(_p) == 2:
        T2S[ord(_p[0])] = _p[1]


def to_simp(s):
    return s.translate(T2S)


DISTRICTS_ZH = ["旺角", "金鐘", "銅鑼灣", "沙田", "元朗", "荃灣", "尖沙咀", "灣仔", "大埔", "屯門", "深水埗", "黃大仙", "將軍澳", "觀塘"]
DISTRICTS_EN = ["Mong Kok", "Admiralty", "Causeway Bay", "Sha Tin", "Yuen Long", "Tsuen Wan", "Tsim Sha Tsui",
                "Wan Chai", "Tai Po", "Tuen Mun", "Sham Shui Po", "Kwun Tong", "Central", "the airport"]

PRO_GOVT_ZH = [
    "支持香港警察嚴正執法", "止暴制亂 恢復秩序", "暴徒破壞香港法治", "香港是中國的香港", "堅決反對港獨",
    "外國勢力不要插手香港事務", "和平理性 反對暴力", "還香港一個安寧", "我是香港人 我支持警察", "美國黑手正在搞亂香港",
    "暴力解決不了問題", "香港經濟受損 最苦是市民", "年輕人被人利用了", "守護香港 守護家園", "{dz}暴徒又堵路 市民怨聲載道",
    "這些暴徒不代表香港人", "請大家看清真相", "謠言止於智者", "某些媒體歪曲事實", "法治是香港的核心價值", "警察辛苦了",
    "不要讓香港變成戰場", "反對黑色恐怖", "沉默的大多數站出來", "一國兩制不容挑戰", "暴徒襲擊警察 天理不容",
    "揭穿反對派的謊言", "學生應該回到課室", "香港需要和平", "支持政府依法施政", "{dz}的商戶生意難做", "誰在背後給錢",
    "看看這些暴徒做了甚麼", "真相只有一個", "停止暴力 香港才有明天", "不要再被假新聞騙了", "{dz}今日又有人被打",
]
PRO_GOVT_EN = [
    "Support Hong Kong police", "Violence is never the answer", "Rioters are destroying Hong Kong",
    "Foreign forces, hands off Hong Kong", "The truth the western media won't show you", "Hong Kong is part of China",
    "Stop the violence and restore order", "The silent majority wants peace", "Who is paying the rioters?",
    "Hong Kong deserves peace, not chaos", "Rule of law must be upheld", "Rioters blocked roads in {de} again",
    "These radicals do not represent Hong Kong", "Shops in {de} forced to close again", "Watch what the mob did today",
]
GUO_ZH = ["郭文貴是個大騙子", "郭文貴的謊言一個接一個", "揭穿郭文貴的真面目", "郭文貴騙錢的手法", "不要再被郭文貴騙了",
          "郭文貴的爆料全是假的", "郭文貴又在直播騙人"]
OFF_ZH = ["今天天氣真好", "分享一首好聽的歌", "週末愉快", "早安 新的一天加油", "這家店的點心很好吃", "風景如畫", "晚安 好夢",
          "生活需要一點甜", "喝杯茶休息一下", "下雨天適合看書", "週末去爬山", "貓咪太可愛了", "今天的晚霞很美", "努力工作 好好生活"]
OFF_EN = ["Good morning everyone", "Have a nice day", "Beautiful sunset tonight", "Happy weekend!", "Life is short, smile more",
          "Coffee time", "Nature is amazing", "Monday motivation", "Delicious dinner", "Keep calm and carry on",
          "Every day is a new beginning", "Sunday vibes"]
MOB_ZH = ["我們都是護旗手", "五星紅旗有14億護旗手", "中國一點都不能少", "香港是中國的", "支持香港警察", "我愛我的國家",
          "祖國強大 香港才好", "暴徒滾出香港", "止暴制亂", "守護香港 我們在", "阿中哥加油", "香港加油 中國加油"]

HK_PROTEST_ZH = [
    "五大訴求 缺一不可", "光復香港 時代革命", "香港人加油", "今晚大家小心 注意安全", "警察濫用暴力", "要求成立獨立調查委員會",
    "不割席 不篤灰 不指責", "今晚{dz}見", "{dz}又放催淚彈", "{dz}現場直擊", "連儂牆又被破壞", "七二一 元朗 白衣人 警察去咗邊",
    "手足們記得飲水", "和你飲茶", "全民罷工", "撤銷所有控罪", "記者被警察推撞", "香港人唔會放棄", "唔好忘記六一二",
    "{dz}依家好多人", "有冇人知{dz}發生咩事", "大家幫手轉發", "睇到好心痛", "守住我哋嘅城市",
]
HK_PROTEST_EN = [
    "Stand with Hong Kong", "Police brutality in {de} tonight", "Five demands, not one less", "Free Hong Kong",
    "Hong Kongers will not give up", "Tear gas fired in {de} again", "The world is watching Hong Kong", "Be water, my friend",
    "Thousands march in {de}", "Journalists attacked by police", "Please share, the world needs to see this",
    "Live from {de}: crowds growing", "Heartbreaking scenes tonight",
]
HK_LIFE_ZH = ["今日好熱", "返工好攰", "食咗碗雲吞麵", "又落雨", "聽日放假", "好想去旅行", "收工啦", "週末去行山", "飲杯奶茶先",
              "好耐冇見", "今晚食咩好", "屋企隻貓好得意", "終於放工", "地鐵好逼", "茶記早餐一流", "星期一又嚟", "打風喇",
              "今日好悶", "買咗新電話", "睇緊新劇"]
EN_DAILY = ["just finished work", "coffee first", "can't sleep again", "weekend plans anyone?", "this weather is unreal",
            "finally home", "new episode tonight!!", "who else is watching this", "so tired today", "lunch was amazing",
            "traffic is terrible", "gym done", "need a holiday", "happy friday", "raining again", "my cat is judging me",
            "long day", "Monday again", "good morning", "this made my day", "can't believe it's already {mon}"]
TW_ZH = ["今天好熱", "下班了", "台北下雨了", "珍奶好好喝", "週末去墾丁", "台灣加油", "香港加油 台灣支持你們", "選舉快到了",
         "夜市走起", "颱風假?", "捷運好擠", "今天吃滷肉飯"]
CN_DIA_ZH = ["在國外也關注國內新聞", "今天做了紅燒肉", "留學生活好難", "想家了", "簽證又要續了", "有人一起看球嗎",
             "華人超市打折", "國內的朋友們晚安", "這邊天氣不錯", "香港的事情大家怎麼看", "兩邊都有道理吧", "新聞看多了很累"]
US_POL_EN = ["Call your senators today", "This administration is a mess", "Watching the debate tonight",
             "Trade war is hurting farmers", "Vote in every election", "New tariffs announced, markets down",
             "Congress needs to act", "Great thread on the economy", "Hong Kong protesters deserve our support",
             "The polls are meaningless this early"]
UK_EN = ["Rain again in London", "Tea and biscuits", "Brexit chaos continues", "Tube strike tomorrow",
         "Premier League is back", "Another heatwave apparently", "Queue for everything", "Pub quiz tonight"]
TECH_EN = ["Just shipped a new release", "Debugging all day", "Hot take: {tech} is overrated", "Finally migrated to {tech}",
           "Anyone tried {tech} in production?", "Reading about {tech}", "My CI is red again", "Slides from my talk are up",
           "{tech} 2.0 looks great", "Why is this test flaky"]
SPORTS_EN = ["What a goal!", "Referee was terrible", "Matchday!", "{team} win again", "Transfer news is wild",
             "Injury update not good", "That was a masterclass", "Season tickets renewed"]
FOOD_EN = ["Best ramen in town", "Homemade dumplings today", "Brunch time", "This dessert is amazing", "Trying a new recipe",
           "Laksa for lunch", "Chicken rice never fails"]
ANIME_JA = ["今日のアニメ最高だった", "新刊買った", "推しが尊い", "コミケ行きたい", "おはようございます", "眠い", "最終回泣いた",
            "今日も一日お疲れ様", "ライブ楽しかった"]
FIN_MIX = ["Hang Seng down {n}% today", "Yuan weakens past 7", "Earnings season again", "Buy the dip?", "恒指今日跌{n}百點",
           "樓市又跌", "Bond yields are telling us something", "港股又跌"]
GAME_EN = ["New patch is out", "Ranked grind tonight", "This boss is impossible", "Streaming later!", "GG", "Need a duo"]
MUSIC_EN = ["This album is on repeat", "Concert tonight!", "New single out now", "Listening to {song} again",
            "Best live show ever"]
BOOK_EN = ["Finished a great book", "Reading list for summer", "Library haul", "Currently reading a classic",
           "Book club tonight"]
TRAVEL_EN = ["Just landed in {city}", "Airport vibes", "Beach day", "Road trip!", "Missing {city}", "Sunset in {city}"]
SPAM_MIX = ["Follow me I follow back", "Good vibes only", "Check my profile", "Daily motivation: never give up",
            "Love is all you need", "新的一天 新的開始", "DM me for collab", "Win a free phone, link in bio",
            "Be yourself, everyone else is taken", "早安", "晚安", "Follow for follow"]
KO_FAN = ["사랑해", "오늘도 최고", "보고 싶어", "생일 축하해", "대박", "너무 멋있어"]

TECHS = ["Rust", "Kubernetes", "React", "Python", "Go", "GraphQL", "Kafka", "Postgres", "Swift", "Terraform"]
TEAMS_SPORT = ["Arsenal", "Liverpool", "Kitchee", "Eastern", "Lakers", "Warriors", "Man United", "Spurs"]
CITIES = ["Tokyo", "Bangkok", "Taipei", "Seoul", "London", "Osaka", "Bali", "Singapore", "Sydney", "Vancouver"]
SONGS = ["Midnight Drive", "Paper Moon", "Blue Hour", "Neon Rain", "Golden Hour", "Harbour Lights"]
MONTHS = ["June", "July", "August", "September", "October"]

NEWS_EVENTS_EN = [
    "police fire tear gas at protesters", "stocks fall amid trade war fears", "typhoon signal No. 8 raised",
    "government to hold press conference", "airport operations disrupted", "legislators clash over bill",
    "MTR suspends services on several lines", "march draws large crowds", "chief executive says dialogue possible",
    "US senators propose new act", "yuan weakens against dollar", "heavy rain warning issued", "election results contested",
    "central bank cuts rates", "tech giant unveils new phone", "heatwave breaks records", "earthquake reported offshore",
    "talks resume between delegations", "court rejects appeal", "protest organisers announce weekend rally",
]
NEWS_EVENTS_ZH = ["警方施放催淚彈", "股市受貿易戰影響下跌", "天文台發出八號風球", "政府將舉行記者會", "機場運作受阻",
                  "立法會議員爆發衝突", "港鐵多條綫暫停服務", "大批市民參與遊行", "特首稱願意對話", "人民幣兌美元貶值",
                  "天文台發出暴雨警告", "法院駁回上訴", "民陣宣布週末集會", "警方拘捕多人"]
NEWS_PLACES = ["Hong Kong", "Beijing", "Washington", "London", "Tokyo", "Taipei", "Shenzhen", "Singapore", "Seoul"]

EMOJI = ["😂", "🙏", "❤️", "😭", "👍", "🔥", "💜", "😊", "🤔", "😡", "💪", "✨", "🇭🇰", "🇨🇳", "😅", "🥺", "👀", "☕", "🌧️"]

TAGS = {
    "hk_protest": ["反送中", "antiELAB", "HongKongProtests", "StandWithHongKong", "香港", "HongKong", "光復香港時代革命",
                   "FreeHongKong", "五大訴求", "PoliceBrutality", "hkprotests", "Hongkongers", "HKpolicestate", "721元朗"],
    "pro_govt": ["香港", "HongKong", "止暴制亂", "守護香港", "反港獨", "支持香港警察", "HongKongPolice", "IStandWithHKPolice",
                 "撐警", "HongKongProtests", "暴徒", "一國兩制", "HongKongRiots", "China"],
    "mob": ["我是護旗手", "中國一點都不能少", "香港", "HongKong", "14億護旗手", "守護香港", "止暴制亂"],
    "guo": ["郭文貴", "GuoWengui"],
    "hk_life": ["香港", "HongKong", "hkfood", "hiking", "typhoon"],
    "tw": ["台灣", "Taiwan", "台北", "香港"],
    "cn_dia": ["留學", "海外華人", "香港", "China"],
    "us_pol": ["TradeWar", "Election2020", "HongKong", "Congress"],
    "uk": ["Brexit", "London", "PremierLeague"],
    "tech": ["rustlang", "kubernetes", "python", "devops", "100DaysOfCode"],
    "sports": ["PremierLeague", "NBA", "matchday", "HKPL"],
    "food": ["foodie", "ramen", "brunch", "homecooking"],
    "anime": ["アニメ", "コミケ", "anime"],
    "finance": ["HSI", "stocks", "yuan", "港股"],
    "gaming": ["gaming", "twitch", "esports"],
    "music": ["NowPlaying", "newmusic", "livemusic"],
    "books": ["amreading", "bookstagram", "booktwitter"],
    "travel": ["travel", "wanderlust", "beach"],
    "news": ["HongKong", "香港", "Breaking", "TradeWar", "China", "Brexit", "typhoon"],
    "spam": ["followback", "f4f", "goodvibes", "motivation", "love"],
}
TOPIC_TEXT = {
    "hk_protest": None, "hk_life": None, "tw": [(TW_ZH, "zh", 1.0)], "cn_dia": [(CN_DIA_ZH, "zh", 1.0)],
    "us_pol": [(US_POL_EN, "en", 1.0)], "uk": [(UK_EN, "en", 0.7), (EN_DAILY, "en", 0.3)],
    "tech": [(TECH_EN, "en", 0.8), (EN_DAILY, "en", 0.2)], "sports": [(SPORTS_EN, "en", 0.8), (EN_DAILY, "en", 0.2)],
    "food": [(FOOD_EN, "en", 0.8), (EN_DAILY, "en", 0.2)], "anime": [(ANIME_JA, "ja", 1.0)],
    "finance": [(FIN_MIX, None, 1.0)], "gaming": [(GAME_EN, "en", 1.0)], "music": [(MUSIC_EN, "en", 1.0)],
    "books": [(BOOK_EN, "en", 1.0)], "travel": [(TRAVEL_EN, "en", 1.0)],
}

NEWS_DOMAINS_HK = ["scmp.com", "hongkongfp.com", "rthk.hk", "thestandnews.com", "hk01.com", "mingpao.com", "inmediahk.net"]
NEWS_DOMAINS_INTL = ["bbc.com", "nytimes.com", "reuters.com", "theguardian.com", "cnn.com", "apnews.com", "bloomberg.com"]
STATE_DOMAINS = ["chinadaily.com.cn", "globaltimes.cn", "news.cgtn.com", "takungpao.com", "wenweipo.com", "orientaldaily.on.cc"]
OP_DOMAINS = ["hkpolitics-daily.com", "xianggang-truth.net", "pearlriver-observer.com", "hkcitizenvoice.org", "dawnhk.info",
              "harbourtimes-news.com", "hkdailybrief.net", "lionrock-report.com", "victoriaharbour.news", "zhengyi-hk.org",
              "hkpeacevoice.com", "truthofhk.net"]
GENERIC_DOMAINS = ["youtube.com", "instagram.com", "facebook.com", "medium.com", "github.com", "spotify.com", "imgur.com",
                   "twitch.tv", "wikipedia.org", "bit.ly"]

CLIENTS = ["Twitter for iPhone", "Twitter for Android", "Twitter Web App", "Twitter Web Client", "Twitter for iPad",
           "TweetDeck", "Tweetbot for iΟS", "Twitter for Mac", "Twitter Lite", "Hootsuite Inc.", "Buffer", "IFTTT",
           "dlvr.it", "SocialFlow", "Echobox Social", "Instagram", "Facebook", "twittbot.net", "Twitter Media Studio",
           "Sprout Social", "Echofon", "Janetter", "HKHeadlines Poster", "Tag Relay Bot", "WordPress.com"]
CI = {c: i for i, c in enumerate(CLIENTS)}

# names ---------------------------------------------------------------------------------------------
EN_FIRST = ["James", "Emma", "Oliver", "Sophia", "Liam", "Mia", "Noah", "Ava", "Lucas", "Chloe", "Ethan", "Grace", "Ryan",
            "Hannah", "Daniel", "Zoe", "Adam", "Lily", "Jack", "Ella", "Sam", "Kate", "Tom", "Lucy", "David", "Sarah",
            "Michael", "Jessica", "Chris", "Laura", "Mark", "Anna", "Paul", "Rachel", "Ben", "Amy", "Matt", "Nina",
            "Alex", "Julia", "Kevin", "Linda", "Brian", "Susan", "Eric", "Helen", "Jason", "Karen", "Peter", "Mary"]
EN_LAST = ["Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Thomas", "Roberts", "Walker", "Wright",
           "Thompson", "White", "Hughes", "Edwards", "Green", "Hall", "Wood", "Harris", "Martin", "Jackson", "Clarke",
           "Lewis", "Young", "King", "Turner", "Hill", "Moore", "Cooper", "Ward", "Miller", "Davis", "Garcia", "Lopez"]
HK_SUR = ["Chan", "Wong", "Lee", "Cheung", "Lau", "Ng", "Leung", "Ho", "Tang", "Yip", "Lam", "Chow", "Tsang", "Kwok",
          "Mak", "Fung", "Tse", "Cheng", "Yeung", "Law", "Siu", "Poon", "Lo", "Chu", "Choi"]
HK_GIVEN = ["Ka Yan", "Wai Man", "Chi Keung", "Siu Ming", "Hoi Ting", "Tsz Hin", "Wing Sze", "Ka Ho", "Man Yee",
            "Pui Shan", "Chun Kit", "Yan Ting", "Kwok Wai", "Sze Wing", "Ho Yin", "Ching Yi"]
HK_ENG = ["Ivan", "Karen", "Jason", "Winnie", "Kelvin", "Cyrus", "Queenie", "Ricky", "Bonnie", "Carmen", "Alvin", "Ivy",
          "Kenneth", "Phoebe", "Terrence", "Cherry", "Eunice", "Gordon", "Janice", "Wilson", "Ken", "Mandy", "Tiffany"]
ZH_SUR = ["陳", "黃", "李", "張", "劉", "林", "王", "吳", "梁", "何", "鄭", "羅", "謝", "郭", "楊", "周", "許", "葉", "馮", "蔡"]
ZH_GIVEN = ["志明", "嘉欣", "家豪", "詠詩", "子軒", "曉彤", "俊傑", "美玲", "偉文", "佩珊", "浩然", "淑儀", "國強", "雅婷",
            "文傑", "小燕", "建華", "麗華", "振宇", "思穎", "嘉偉", "明輝"]
PINYIN_SUR = ["Zhang", "Wang", "Li", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu"]
PINYIN_GIVEN = ["Wei", "Fang", "Na", "Min", "Jing", "Lei", "Jun", "Yang", "Yan", "Jie", "Tao", "Ming", "Chao", "Xiu",
                "Hui", "Qiang", "Lin", "Ping", "Xin", "Yu"]
JA_NAMES = ["ゆうき", "さくら", "たかし", "みさき", "はると", "あおい", "Yuki", "Sakura", "Takashi", "Haruto", "Aoi", "Ren"]
KO_NAMES = ["지민", "서연", "민준", "하은", "Jimin", "Seoyeon", "Minjun", "Haeun", "Jisoo", "Taeyang"]
NICK = ["moon", "sky", "cat", "coffee", "dream", "star", "blue", "little", "lazy", "happy", "sunny", "milk", "panda",
        "lemon", "cloud", "night", "ocean", "mochi", "tofu", "kiwi", "pixel", "echo", "maple", "river", "wind"]

REGIONS = {
    # tz, country, locations, name style, account_language weights
    "HK": (8, "HK", ["Hong Kong", "香港", "HK", "Kowloon", "Hong Kong SAR", "Tsuen Wan", "九龍", "New Territories", "Sha Tin",
                     "Earth", "HK 🇭🇰", "Lantau", "Sai Kung", "Hong Kong, China"], "hk",
           [("en", .47), ("zh-tw", .33), ("zh-cn", .07), ("en-gb", .08), ("ja", .02), ("ko", .03)]),
    "TW": (8, "TW", ["Taipei", "台北", "Taiwan", "台灣", "Kaohsiung", "台中"], "tw", [("zh-tw", .7), ("en", .28), ("ja", .02)]),
    "USE": (-4, "US", ["New York, NY", "Washington, DC", "Boston", "NYC", "Brooklyn", "Philadelphia, PA", "USA"], "en",
            [("en", .95), ("es", .05)]),
    "USW": (-7, "US", ["San Francisco, CA", "Los Angeles", "Seattle, WA", "Bay Area", "California", "Portland"], "en",
            [("en", .93), ("zh-cn", .03), ("es", .04)]),
    "UK": (1, "GB", ["London", "London, England", "Manchester", "UK", "Birmingham", "Edinburgh", "England"], "en",
           [("en-gb", .55), ("en", .45)]),
    "CA": (-4, "CA", ["Toronto", "Vancouver, BC", "Canada", "Montreal"], "en", [("en", .9), ("fr", .05), ("zh-tw", .05)]),
    "AU": (10, "AU", ["Sydney", "Melbourne", "Australia", "Brisbane"], "en", [("en", .92), ("zh-cn", .08)]),
    "JP": (9, "JP", ["東京", "Tokyo", "大阪", "日本", "神奈川"], "ja", [("ja", .9), ("en", .1)]),
    "KR": (9, "KR", ["Seoul", "서울", "Korea", "Busan"], "ko", [("ko", .75), ("en", .25)]),
    "SG": (8, "SG", ["Singapore", "SG"], "en", [("en", .9), ("zh-cn", .1)]),
    "MY": (8, "MY", ["Kuala Lumpur", "Malaysia", "Penang"], "en", [("en", .8), ("ms", .1), ("zh-cn", .1)]),
    "DE": (2, "DE", ["Berlin", "Germany", "München"], "en", [("de", .6), ("en", .4)]),
    "ID": (7, "ID", ["Jakarta", "Indonesia", "Bandung"], "en", [("id", .7), ("en", .3)]),
}

# ============================================================================ IP space
# network, asn, as_org, country, is_vpn, category
IP_RANGES = [
    ("14.0.128.0/17", 9269, "Hong Kong Broadband Network Ltd", "HK", False, "res_HK"),
    ("112.118.0.0/16", 4760, "HKT Limited", "HK", False, "res_HK"),
    ("218.102.0.0/16", 4760, "HKT Limited", "HK", False, "res_HK"),
    ("119.246.0.0/16", 9908, "HK Cable TV Ltd", "HK", False, "res_HK"),
    ("59.148.0.0/16", 9304, "HGC Global Communications Limited", "HK", False, "res_HK"),
    ("1.36.0.0/16", 4515, "HKT Mobile (CSL)", "HK", False, "mob_HK"),
    ("223.197.0.0/16", 9231, "China Mobile Hong Kong Company Limited", "HK", False, "mob_HK"),
    ("27.111.0.0/18", 17924, "SmarTone Mobile Communications Ltd", "HK", False, "mob_HK"),
    ("42.2.0.0/16", 10118, "Hutchison Telephone Company Ltd (3HK)", "HK", False, "mob_HK"),
    ("147.8.0.0/16", 4528, "The University of Hong Kong", "HK", False, "univ"),
    ("203.80.96.0/24", 137412, "Harbourview Financial Group Ltd", "HK", False, "corp"),
    ("1.160.0.0/16", 3462, "Chunghwa Telecom Co., Ltd.", "TW", False, "res_TW"),
    ("39.8.0.0/16", 24158, "Taiwan Mobile Co., Ltd.", "TW", False, "mob_TW"),
    ("73.0.0.0/16", 7922, "Comcast Cable Communications, LLC", "US", False, "res_US"),
    ("99.100.0.0/16", 7018, "AT&T Services, Inc.", "US", False, "res_US"),
    ("174.192.0.0/16", 22394, "Verizon Wireless", "US", False, "mob_US"),
    ("172.56.0.0/16", 21928, "T-Mobile USA, Inc.", "US", False, "mob_US"),
    ("86.128.0.0/16", 2856, "British Telecommunications PLC", "GB", False, "res_GB"),
    ("82.132.192.0/18", 12576, "EE Limited", "GB", False, "mob_GB"),
    ("99.224.0.0/16", 812, "Rogers Communications Canada Inc.", "CA", False, "res_CA"),
    ("70.64.0.0/16", 6327, "Shaw Communications Inc.", "CA", False, "mob_CA"),
    ("101.160.0.0/16", 1221, "Telstra Corporation Ltd", "AU", False, "res_AU"),
    ("49.176.0.0/16", 1221, "Telstra Corporation Ltd", "AU", False, "mob_AU"),
    ("126.0.0.0/16", 17676, "SoftBank Corp.", "JP", False, "mob_JP"),
    ("153.200.0.0/16", 4713, "NTT Communications Corporation", "JP", False, "res_JP"),
    ("211.36.0.0/16", 4766, "Korea Telecom", "KR", False, "res_KR"),
    ("223.38.0.0/16", 9644, "SK Telecom", "KR", False, "mob_KR"),
    ("116.14.0.0/16", 9506, "Singtel Fibre Broadband", "SG", False, "res_SG"),
    ("42.60.0.0/16", 9506, "Singtel Mobile", "SG", False, "mob_SG"),
    ("175.136.0.0/16", 4788, "TM Net, Internet Service Provider", "MY", False, "res_MY"),
    ("115.164.0.0/16", 4818, "DiGi Telecommunications Sdn. Bhd.", "MY", False, "mob_MY"),
    ("91.64.0.0/16", 3209, "Vodafone GmbH", "DE", False, "res_DE"),
    ("36.68.0.0/16", 7713, "PT Telekomunikasi Indonesia", "ID", False, "res_ID"),
    ("114.120.0.0/16", 23693, "PT. Telekomunikasi Selular", "ID", False, "mob_ID"),
    ("113.160.0.0/16", 45899, "VNPT Corp", "VN", False, "res_VN"),
    ("177.32.0.0/16", 28573, "Claro NXT Telecomunicacoes Ltda", "BR", False, "res_BR"),
    ("104.248.0.0/16", 14061, "DigitalOcean, LLC", "US", False, "host"),
    ("139.59.0.0/16", 14061, "DigitalOcean, LLC", "SG", False, "host"),
    ("45.76.0.0/16", 20473, "The Constant Company, LLC", "JP", False, "host"),
    ("47.52.0.0/16", 45102, "Alibaba (US) Technology Co., Ltd.", "HK", False, "host"),
    ("119.28.0.0/16", 132203, "Tencent Building, Kejizhongyi Avenue", "HK", False, "host"),
    ("13.228.0.0/16", 16509, "Amazon.com, Inc.", "SG", False, "host"),
    ("18.162.0.0/16", 16509, "Amazon.com, Inc.", "HK", False, "host"),
    ("52.74.0.0/16", 16509, "Amazon.com, Inc.", "SG", False, "host"),
    ("172.104.0.0/16", 63949, "Linode, LLC", "JP", False, "host"),
    ("95.216.0.0/16", 24940, "Hetzner Online GmbH", "FI", False, "host"),
    ("51.15.0.0/16", 12876, "Scaleway S.A.S.", "FR", False, "host"),
    ("89.187.160.0/19", 60068, "Datacamp Limited", "HK", True, "vpn"),
    ("185.206.224.0/22", 9009, "M247 Ltd", "HK", True, "vpn"),
    ("193.148.16.0/22", 9009, "M247 Ltd", "JP", True, "vpn"),
    ("209.58.176.0/20", 59253, "Leaseweb Asia Pacific pte. ltd.", "SG", True, "vpn"),
    ("84.17.32.0/19", 60068, "Datacamp Limited", "GB", True, "vpn"),
    ("45.133.172.0/22", 62240, "Clouvider Limited", "US", True, "vpn"),
    ("103.108.92.0/22", 136787, "TEFINCOM S.A.", "HK", True, "vpn"),
    ("156.146.32.0/20", 212238, "Datacamp Limited", "US", True, "vpn"),
    ("103.231.88.0/22", 133296, "Web Werks India Pvt. Ltd", "TW", True, "vpn"),
    ("183.0.0.0/16", 4134, "CHINANET Guangdong province network", "CN", False, "cn_tel"),
    ("113.96.0.0/16", 4134, "CHINANET Guangdong province network", "CN", False, "cn_tel"),
    ("112.96.0.0/16", 4837, "CHINA UNICOM China169 Backbone", "CN", False, "cn_uni"),
    ("223.104.0.0/16", 9808, "China Mobile Communications Group Co., Ltd.", "CN", False, "cn_mob"),
    ("120.229.0.0/16", 56040, "China Mobile Guangdong", "CN", False, "cn_mob"),
]


# ============================================================================ generator
class Gen:
    def __init__(self, a):
        self.a = a
        self.seed = a.seed
        self.rng = np.random.default_rng(a.seed)
        self.py = random.Random(a.seed * 7919 + 13)
        self.days = a.days
        # window start: a random day between 2019-06-01 and 2019-07-20
        self.start = ts_of(2019, 6, 1) + int(self.rng.integers(0, 50)) * DAY
        self.end = self.start + self.days * DAY
        self.float_counts = bool(self.rng.random() < 0.3)
        self.A = {k: [] for k in ACC_FIELDS}
        self.prof_list = []
        self.clients_list = []
        self.N = 0
        self.info = {}

    # ------------------------------------------------------------------ helpers
    def U(self, lo, hi):
        return float(self.rng.uniform(lo, hi))

    def new(self, **kw):
        i = self.N
        for k, dv in ACC_FIELDS.items():
            self.A[k].append(kw.get(k, dv))
        self.N += 1
        return i

    def wchoice(self, pairs):
        r = self.py.random() * sum(w for _, w in pairs)
        for v, w in pairs:
            r -= w
            if r <= 0:
                return v
        return pairs[-1][0]

    def tco(self):
        return "https://t.co/" + "".join(self.py.choice(ALNUM) for _ in range(10))

    # ------------------------------------------------------------------ activity profiles (24 weights, UTC hours)
    def to_utc(self, local, tz):
        return local[(np.arange(24) + int(tz)) % 24]

    def prof_human(self, tz, shift=None, sig=0.25):
        if shift is None:
            shift = int(self.py.choice([-2, -1, -1, 0, 0, 0, 0, 1, 1, 2, 3]))
        loc = np.roll(HUMAN_LOCAL, shift) * self.rng.lognormal(0, sig, 24)
        return self.to_utc(loc, tz)

    def prof_office(self, tz, shape, shift=0, sig=0.15):
        loc = np.roll(OFFICE_SHAPES[shape], shift) * self.rng.lognormal(0, sig, 24)
        return self.to_utc(loc, tz)

    # ------------------------------------------------------------------ client mixes
    def clients_for(self, region, old=False, power=False):
        if region in ("JP",):
            mix = [("Twitter for iPhone", .7), ("Twitter for Android", .15), ("Twitter Web App", .1), ("Twitter for iPad", .05)]
        elif region in ("ID", "MY"):
            mix = [("Twitter for Android", .7), ("Twitter for iPhone", .15), ("Twitter Web App", .1), ("Twitter Lite", .05)]
        elif region in ("USE", "USW", "UK", "CA", "AU"):
            mix = [("Twitter for iPhone", .55), ("Twitter for Android", .25), ("Twitter Web App", .13), ("Twitter for iPad", .04),
                   ("Twitter Web Client", .03)]
        else:
            mix = [("Twitter for iPhone", .48), ("Twitter for Android", .36), ("Twitter Web App", .1), ("Twitter for iPad", .03),
                   ("Twitter Web Client", .03)]
        if old:
            mix = mix + [("Twitter Web Client", .15)]
        c1 = self.wchoice(mix)
        if self.py.random() < (0.55 if power else 0.3):
            second = [("Twitter Web App", 3), ("Twitter Web Client", 1.5), ("Twitter for iPad", 1.5), ("Twitter for Mac", .5),
                      ("Instagram", .6), ("Facebook", .3), ("Twitter Lite", .3), ("Echofon", .1), ("Janetter", .1)]
            if power:
                second += [("TweetDeck", 3), ("Tweetbot for iΟS", 1.5), ("Hootsuite Inc.", .5), ("Buffer", .3)]
            c2 = self.wchoice(second)
            return (CI[c1], CI[c2], self.U(0.05, 0.45))
        return (CI[c1], CI[c1], 0.0)

    # ------------------------------------------------------------------ creation dates / ids
    def organic_created(self, recent_bias=0.0, protest_spike=0.0):
        r = self.py.random()
        if r < protest_spike:
            lo = ts_of(2019, 6, 9)
            hi = max(lo + DAY, self.end - 5 * DAY)
            return lo + self.py.random() * (hi - lo)
        if r < protest_spike + recent_bias:
            lo, hi = ts_of(2016, 1, 1), self.end - 3 * DAY
            return hi - (hi - lo) * (self.py.random() ** 1.7)
        y = self.wchoice(YEAR_W)
        lo, hi = ts_of(y, 1, 1), ts_of(y + 1, 1, 1)
        hi = min(hi, self.end - 3 * DAY)
        return lo + self.py.random() * (hi - lo)

    def make_uid(self, created):
        while True:
            if created >= SNOW_SWITCH:
                v = snowflake(created, self.py)
            else:
                xs = OLD_ANCHORS
                for (t0, v0), (t1, v1) in zip(xs, xs[1:]):
                    if created < t1:
                        f = (created - t0) / (t1 - t0)
                        v = int(v0 + f * (v1 - v0)) + self.py.randrange(0, 20000)
                        break
                else:
                    v = xs[-1][1] + self.py.randrange(0, 5_000_000)
                v = max(v, 13)
            if v not in self.used_uids:
                self.used_uids.add(v)
                return v

    # ================================================================== population
    def build_population(self):
        rng, py, U = self.rng, self.py, self.U
        n_org = self.a.organic
        scale = n_org / 20000.0
        self.comms = []            # community descriptors

        def new_comm(**kw):
            kw["id"] = len(self.comms)
            self.comms.append(kw)
            return kw["id"]

        # ---------------- hot days of the HK news cycle (organic and operation both react)
        n_ev = int(rng.integers(3, 9))
        self.event_days = set(int(x) for x in rng.choice(self.days, size=min(n_ev, self.days), replace=False))
        self.event_mult = U(1.6, 3.0)

        # ---------------- external accounts (referenced, never in the population files)
        self.ext_state, self.ext_demo, self.ext_glob = [], [], []
        for _ in range(int(rng.integers(4, 8))):
            c = py.uniform(ts_of(2009, 1, 1), ts_of(2014, 1, 1))
            self.ext_state.append(self.new(kind="ext_state", role=ORG, ext=True, stance=-1, rate=U(6, 25), region="HK",
                                           topic="state", created=c, engage=U(0.1, 0.4), vsig=1.0, speed=0.3, hub=True,
                                           prof=self.prof_human(8, 0, 0.3), cl=(CI["Twitter Web Client"],) * 2 + (0.0,)))
        for _ in range(int(rng.integers(3, 7))):
            c = py.uniform(ts_of(2009, 1, 1), ts_of(2016, 1, 1))
            self.ext_demo.append(self.new(kind="ext_demo", role=ORG, ext=True, stance=1, rate=U(2, 8), region="HK",
                                          topic="hk_protest", created=c, engage=U(0.05, 0.2), vsig=1.1, speed=0.4, hub=True,
                                          prof=self.prof_human(8), cl=self.clients_for("HK", power=True)))
        for _ in range(int(rng.integers(3, 7))):
            c = py.uniform(ts_of(2008, 1, 1), ts_of(2013, 1, 1))
            reg = py.choice(["USE", "USW", "UK"])
            self.ext_glob.append(self.new(kind="ext_glob", role=ORG, ext=True, stance=0, rate=U(1, 8), region=reg,
                                          topic=py.choice(["us_pol", "music", "sports", "tech"]), created=c,
                                          engage=U(0.1, 0.5), vsig=1.2, speed=0.3, hub=True,
                                          prof=self.prof_human(REGIONS[reg][0]), cl=self.clients_for(reg)))
        self.ext_all = self.ext_state + self.ext_demo + self.ext_glob
        n_left = n_org

        # ---------------- news outlets and celebrities (trap a)
        self.news = []
        for i in range(int(rng.integers(4, 11))):
            reg = "HK" if py.random() < 0.6 else py.choice(["UK", "USE", "SG"])
            tz = REGIONS[reg][0]
            cl = py.choice(["SocialFlow", "TweetDeck", "Echobox Social", "Twitter Web App", "Hootsuite Inc.", "Sprout Social"])
            c2 = py.choice(["TweetDeck", "Twitter Media Studio", "Twitter for iPhone", cl])
            self.news.append(self.new(kind="news", role=ORG, comm=-2, stance=0, rate=U(12, 55), region=reg, topic="news",
                                      created=py.uniform(ts_of(2008, 6, 1), ts_of(2013, 1, 1)), engage=U(0.015, 0.05),
                                      vsig=U(1.1, 1.6), speed=U(0.08, 0.25), hub=True, burst=8.0, wk=U(0.6, 0.9),
                                      prof=self.to_utc(NEWS_LOCAL * self.rng.lognormal(0, 0.15, 24), tz),
                                      cl=(CI[cl], CI[c2], U(0.05, 0.3)), reply=0.0, quote=0.02, lat=1800, lsig=1.0))
        self.celebs = []
        for i in range(int(rng.integers(3, 8))):
            reg = py.choice(["HK", "HK", "USW", "UK", "KR", "TW", "JP"])
            self.celebs.append(self.new(kind="celeb", role=ORG, comm=-2, stance=0, rate=U(0.4, 4), region=reg,
                                        topic=py.choice(["music", "sports", "hk_life", "food", "travel"]),
                                        created=py.uniform(ts_of(2009, 1, 1), ts_of(2015, 1, 1)), engage=U(0.2, 0.6),
                                        vsig=U(0.8, 1.2), speed=U(0.15, 0.4), hub=True, burst=0.8,
                                        prof=self.prof_human(REGIONS[reg][0]), cl=self.clients_for(reg), reply=0.05,
                                        lat=3600, lsig=1.3, rtb=0.001))
        n_left -= len(self.news) + len(self.celebs)

        # ---------------- authentic bots (trap f)
        self.headbots, self.rtbots = [], []
        self.bot_owner = {}
        owner = 0
        for i in range(int(rng.integers(3, 9))):
            if i == 0 or py.random() < 0.6:
                owner += 1
            reg = py.choice(["HK", "HK", "UK", "USE", "SG"])
            cl = py.choice(["dlvr.it", "IFTTT", "HKHeadlines Poster", "twittbot.net", "WordPress.com", "Buffer"])
            b = self.new(kind="headbot", role=ORG, comm=-3, stance=0, rate=0.0, region=reg, topic="news",
                         created=py.uniform(ts_of(2010, 1, 1), ts_of(2018, 6, 1)), engage=0.05, vsig=0.8, hub=True,
                         prof=np.ones(24), floor=1.0, cl=(CI[cl], CI[cl], 0.0), interval=U(8, 60) * 60)
            self.headbots.append(b)
            self.bot_owner[b] = owner
        track_pool = ["香港", "HongKong", "HongKongProtests", "antiELAB", "StandWithHongKong", "反送中", "China",
                      "HongKongPolice", "止暴制亂", "守護香港"]
        self.rtbot_cfg = {}
        for i in range(int(rng.integers(2, 6))):
            if py.random() < 0.5:
                owner += 1
            cl = py.choice(["Tag Relay Bot", "twittbot.net", "IFTTT"])
            b = self.new(kind="rtbot", role=ORG, comm=-3, stance=0, rate=0.0, region="HK", topic="news",
                         created=py.uniform(ts_of(2012, 1, 1), ts_of(2019, 3, 1)), engage=0.02, prof=np.ones(24),
                         floor=1.0, cl=(CI[cl], CI[cl], 0.0), hub=True)
            self.rtbots.append(b)
            self.bot_owner[b] = owner
            self.rtbot_cfg[b] = dict(tags=set(py.sample(track_pool, int(rng.integers(1, 4)))), p=U(0.5, 1.0),
                                     cap=int(rng.integers(30, 200)), count={})
        n_left -= len(self.headbots) + len(self.rtbots)

        # ---------------- fandoms (trap b)
        self.fandoms = []
        n_fans_total = int(n_org * U(0.025, 0.05))
        nfd = int(rng.integers(2, 5))
        fshare = rng.dirichlet(np.full(nfd, 1.2))
        for k in range(nfd):
            name = IDOL_NAMES[(self.seed * 3 + k) % len(IDOL_NAMES)]
            cid = new_comm(kind="fandom", topic="fandom", region="KR", idol=name)
            ireg = py.choice(["KR", "KR", "JP", "HK", "TW"])
            idol = self.new(kind="idol", role=ORG, comm=cid, stance=0, rate=U(0.2, 1.2), region=ireg, topic="fandom",
                            created=py.uniform(ts_of(2011, 1, 1), ts_of(2017, 1, 1)), engage=U(0.3, 0.8), vsig=0.5,
                            hub=True, loyal_src=1.0, prof=self.prof_human(REGIONS[ireg][0], 1), cl=self.clients_for(ireg),
                            speed=0.5, rtb=0.0005)
            fbs = []
            for _ in range(int(rng.integers(2, 6))):
                freg = py.choice(["KR", "USE", "HK", "ID", "UK", "MY"])
                fbs.append(self.new(kind="fanbase", role=ORG, comm=cid, stance=0, rate=U(2, 8), region=freg,
                                    topic="fandom", created=py.uniform(ts_of(2014, 1, 1), ts_of(2019, 1, 1)),
                                    engage=U(0.3, 0.7), vsig=0.6, hub=True, loyal_src=U(0.05, 0.15), notif=True,
                                    fanlat=U(60, 110), floor=0.6, rtb=U(0.05, 0.2), loyal=0.98,
                                    prof=self.prof_human(REGIONS[freg][0], 1, 0.2),
                                    cl=(CI["TweetDeck"], CI["Twitter for iPhone"], 0.4), lat=600, lsig=1.0))
            nf = max(30, int(n_fans_total * fshare[k]))
            fans = []
            for _ in range(nf):
                freg = self.wchoice([("KR", 1), ("USE", 1.2), ("USW", .8), ("HK", 1), ("ID", 1.2), ("MY", .6), ("UK", .6),
                                     ("JP", .5), ("TW", .4), ("AU", .3)])
                notif = py.random() < self.U(0.6, 0.95)
                fans.append(self.new(kind="fan", role=ORG, comm=cid, stance=0, rate=float(rng.lognormal(math.log(0.8), 0.9)),
                                     region=freg, topic="fandom", rtb=float(rng.lognormal(math.log(0.01), 0.8)),
                                     loyal=float(rng.beta(5, 1.5)), notif=notif, fanlat=U(65, 320), floor=0.7 if notif else 0.0,
                                     created=self.organic_created(recent_bias=0.6, protest_spike=0.04),
                                     prof=self.prof_human(REGIONS[freg][0], int(py.choice([0, 1, 2, 3]))), reply=U(0.05, 0.3),
                                     cl=self.clients_for(freg), lat=float(rng.lognormal(math.log(1800), 0.6)), lsig=1.2,
                                     burst=U(0.4, 1.5)))
            self.fandoms.append(dict(comm=cid, idol=idol, fanbases=fbs, fans=fans, name=name))
            n_left -= 1 + len(fbs) + nf

        # ---------------- activist groups (trap d)
        self.act_groups = []
        for k in range(int(rng.integers(3, 9))):
            size = int(rng.integers(12, 60))
            reg = "HK" if py.random() < 0.8 else py.choice(["UK", "USE", "CA", "AU"])
            cid = new_comm(kind="act", topic="hk_protest", region=reg)
            tag = py.choice(["SOSHK", "HKStorm", "StandWithHK", "FightForFreedom", "HKers", "TwitterStormHK", "ReleaseThemAll",
                             "HKSOS", "禁運催淚彈", "HongKongStrike"]) + (str(py.randrange(10, 99)) if py.random() < 0.4 else "")
            mem = []
            for _ in range(size):
                r2 = reg if py.random() < 0.85 else "HK"
                mem.append(self.new(kind="act", role=ORG, comm=cid, stance=1, rate=float(rng.lognormal(math.log(1.5), 0.7)),
                                    region=r2, topic="hk_protest", rtb=float(rng.lognormal(math.log(0.03), 0.6)),
                                    loyal=U(0.04, 0.12), loyal_src=U(0.15, 0.35), pol=True, reply=U(0.1, 0.35),
                                    created=self.organic_created(protest_spike=0.25, recent_bias=0.2),
                                    prof=self.prof_human(REGIONS[r2][0], int(py.choice([0, 1, 2]))),
                                    cl=self.clients_for(r2, power=py.random() < 0.3), lat=float(rng.lognormal(math.log(900), 0.6)),
                                    lsig=1.2, pen=U(0.2, 0.7), burst=U(0.5, 2)))
            self.act_groups.append(dict(comm=cid, members=mem, tag=tag, storms=U(0.5, 3.0), hour=int(rng.integers(19, 23)),
                                        tz=REGIONS[reg][0], part=U(0.4, 0.9), region=reg))
            n_left -= size

        # ---------------- organic pro-Beijing users (trap e: genuinely agree and sometimes retweet the operation)
        self.probj = []
        n_pb = max(30, int(n_org * U(0.008, 0.025)))
        npc = int(rng.integers(1, 4))
        for k, share in enumerate(rng.dirichlet(np.full(npc, 1.5))):
            reg0 = py.choice(["HK", "HK", "USW", "AU", "UK", "CA"])
            cid = new_comm(kind="probj", topic="probj", region=reg0)
            for _ in range(max(10, int(n_pb * share))):
                r2 = reg0 if py.random() < 0.75 else py.choice(["HK", "USW", "AU", "UK", "CA", "SG", "MY"])
                self.probj.append(self.new(kind="probj", role=ORG, comm=cid, stance=-1,
                                           rate=float(rng.lognormal(math.log(0.6), 1.0)), region=r2, topic="probj",
                                           rtb=float(rng.lognormal(math.log(0.012), 0.8)), pol=True, reply=U(0.05, 0.3),
                                           script="simp" if py.random() < 0.65 else "trad",
                                           created=self.organic_created(recent_bias=0.2, protest_spike=0.08),
                                           prof=self.prof_human(REGIONS[r2][0]), cl=self.clients_for(r2),
                                           lat=float(rng.lognormal(math.log(2400), 0.8)), lsig=1.4, pen=U(0.05, 0.4)))
        n_left -= len(self.probj)

        # ---------------- nationalist flash mob (organic but coordinated; debatable, see README)
        self.mob = []
        self.mob_days = set()
        if not self.a.no_flashmob and rng.random() < 0.5:
            n_mob = max(30, int(n_org * U(0.003, 0.008)))
            d0 = int(rng.integers(int(self.days * 0.2), int(self.days * 0.8)))
            dur = int(rng.integers(2, 5))
            self.mob_days = set(range(d0, min(self.days, d0 + dur)))
            cid = new_comm(kind="mob", topic="mob", region="HK")
            ev_ts = self.start + d0 * DAY
            self.mob_rate = U(5, 25)
            for _ in range(n_mob):
                if py.random() < 0.45:
                    c = ev_ts - py.uniform(0.2, 10) * DAY
                else:
                    c = self.organic_created(recent_bias=0.7)
                claim = py.choice(["HK", "USW", "AU", "UK", "CA", "JP", "SG", "HK"])
                self.mob.append(self.new(kind="mob", role=ORG, comm=cid, stance=-1, rate=0.0, region=claim, topic="mob",
                                         rtb=float(rng.lognormal(math.log(0.03), 0.6)), loyal=U(0.1, 0.4), loyal_src=0.4,
                                         created=min(c, ev_ts - 3600), tz=8, prof=self.prof_human(8, 0), cl=self.clients_for("HK"),
                                         lat=float(rng.lognormal(math.log(900), 0.7)), lsig=1.0, script="simp",
                                         pol=True, reply=U(0.1, 0.4), burst=3.0, default=py.random() < 0.6))
            n_left -= len(self.mob)

        # ---------------- ordinary communities: heavy-tailed sizes
        n_left = max(200, n_left)
        n_comm = max(8, int(n_left / 140))
        sizes = (rng.pareto(1.15, n_comm) + 1.0)
        sizes = sizes / sizes.sum() * n_left
        sizes = np.clip(sizes, 12, 0.12 * n_left)
        sizes = np.round(sizes / sizes.sum() * n_left).astype(int)
        sizes = np.maximum(sizes, 10)
        sizes[int(np.argmax(sizes))] += n_left - int(sizes.sum())      # exact organic total
        self.reg_comms = []
        for s in sizes:
            topic, reg = self.wchoice([((t, r), w) for t, r, w in COMM_TYPES])
            cid = new_comm(kind="reg", topic=topic, region=reg)
            self.reg_comms.append(cid)
            st_w = STANCE_W.get(topic, [(0, 1.0)])
            pen = U(0.05, 0.6)
            for _ in range(int(s)):
                r2 = reg if py.random() < 0.85 else py.choice(list(REGIONS))
                stn = self.wchoice(st_w)
                rate = float(rng.lognormal(math.log(0.12), 1.35))
                if py.random() < 0.25:
                    rate *= 0.05                                       # lurkers
                if topic == "hk_protest":
                    rate *= 1.6
                power = py.random() < 0.08
                cr = self.organic_created(protest_spike=0.12 if topic in ("hk_protest", "hk_life") else 0.01,
                                          recent_bias=0.05)
                self.new(kind="reg", role=ORG, comm=cid, stance=stn, rate=min(rate, 40.0), region=r2, topic=topic,
                         rtb=min(0.4, float(rng.lognormal(math.log(0.012 * (1.4 if topic == "hk_protest" else 1)), 0.9))),
                         reply=float(rng.beta(1.5, 5)), quote=U(0, 0.06), pol=(stn != 0 or topic == "hk_protest"),
                         script="simp" if (topic == "cn_dia" and py.random() < 0.8) else "trad",
                         created=cr, prof=self.prof_human(REGIONS[r2][0]), cl=self.clients_for(r2, old=cr < ts_of(2013, 1, 1),
                                                                                             power=power),
                         lat=float(rng.lognormal(math.log(2700), 0.8)), lsig=U(1.0, 2.0), burst=U(0.3, 2.0),
                         wk=U(0.8, 1.4), pen=min(1.0, pen * U(0.4, 1.6)),
                         default=(cr > ts_of(2019, 1, 1) and py.random() < 0.45) or py.random() < 0.06)
        self.n_organic_made = sum(1 for k in range(self.N) if not self.A["ext"][k])

        # ---------------- campus and corporate NAT membership (trap c)
        hk_users = [i for i in range(self.N) if self.A["region"][i] == "HK" and self.A["kind"][i] in ("reg", "act")]
        py.shuffle(hk_users)
        n_campus = min(len(hk_users) // 3, int(U(250, 600) * max(scale, 0.3)))
        for i in hk_users[:n_campus]:
            self.A["nat"][i] = 0
        corp_pool = [i for i in range(self.N) if self.A["region"][i] in ("HK", "SG") and self.A["kind"][i] == "reg"
                     and self.A["nat"][i] < 0]
        py.shuffle(corp_pool)
        n_corp = min(len(corp_pool) // 3, int(U(100, 250) * max(scale, 0.3)))
        for i in corp_pool[:n_corp]:
            self.A["nat"][i] = 1
        self.info.update(campus=n_campus, corporate=n_corp)

        self.build_operation()
        self.build_swarms()

    # ================================================================== the operation: core teams
    def build_operation(self):
        rng, py, U = self.rng, self.py, self.U
        n_core = self.a.core
        K = int(rng.integers(2, 7))
        K = max(1, min(K, n_core // 4))
        shares = rng.dirichlet(np.full(K, U(0.35, 1.5)))
        sizes = np.maximum(4, np.floor(shares * n_core)).astype(int)
        while sizes.sum() > n_core and sizes.max() > 4:
            sizes[int(np.argmax(sizes))] -= 1
        while sizes.sum() < n_core:
            sizes[int(rng.integers(K))] += 1
        self.quiet = None
        if rng.random() < 0.75:
            qs = U(0.25, 0.75) * self.days
            ql = U(3, 10)
            self.quiet = (self.start + qs * DAY, self.start + (qs + ql) * DAY, U(0.0, 0.15))
        self.susp_ts = None
        if rng.random() < 0.6:
            self.susp_ts = self.start + U(0.35, 0.8) * self.days * DAY
        self.teams = []
        doms = list(OP_DOMAINS)
        py.shuffle(doms)
        for k in range(K):
            size = int(sizes[k])
            shape = self.wchoice([("office", 5), ("office_long", 2), ("night", 1), ("rotating", 1)])
            start_day = 0 if rng.random() < 0.55 else int(U(0, 0.35 * self.days))
            my_doms = doms[2 * k % len(doms): 2 * k % len(doms) + int(rng.integers(1, 4))]
            if k > 0 and rng.random() < 0.4:
                my_doms = my_doms + [self.teams[int(rng.integers(k))]["domains"][0]]
            tm = dict(
                id=k, size=size, shape=shape, start=self.start + start_day * DAY + int(U(0, DAY)),
                wkend=U(0.05, 0.6), rate_med=U(1.0, 6.0), rate_sig=U(0.4, 1.1), on_frac=U(0.5, 0.95), guo=U(0.0, 0.4),
                en_frac=U(0.05, 0.5), simp_frac=U(0.1, 0.8), zhcn=U(0.2, 0.85), tasks=U(0.5, 6.0), task_part=U(0.15, 0.7),
                task_delay=U(3, 45) * 60, mate_rt=U(0.2, 1.5) / max(1, size - 1), mate_med=U(5, 120) * 60, cross_rt=U(0.0, 0.5) / max(1, n_core - size),
                reply_mate=U(0.2, 0.8), camo=U(0.002, 0.04), follow_dens=0.0 if rng.random() < 0.25 else U(0.05, 0.6),
                ip=self.wchoice([("shared_vpn", 3), ("dedicated_vps", 2), ("mainland", 1.5), ("resi_proxy", 1.5), ("mixed", 2)]),
                leak=U(0.0, 0.4), repurp=U(0.05, 0.7), url_p=U(0.25, 0.8), amp_rts=U(0.0, 0.4), visibility=U(0.3, 1.5),
                quiet_exempt=bool(rng.random() < 0.25),
                tags=py.sample(TAGS["pro_govt"], int(rng.integers(3, 8))) + (TAGS["guo"] if rng.random() < 0.3 else []),
                domains=my_doms, state=py.sample(STATE_DOMAINS, int(rng.integers(0, 3))),
                clients=py.choice(TEAM_CLIENT_MIXES), members=[], newsposers=[],
            )
            tm["prof"] = self.prof_office(8, shape, 0, 0.0)
            n_np = int(rng.integers(0, 1 + min(4, size // 5)))
            n_rep = int(round((size - n_np) * tm["repurp"]))
            # creation bursts for the freshly registered personas
            bursts = []
            for _ in range(int(rng.integers(1, 4))):
                b0 = py.uniform(ts_of(2017, 6, 1), self.start + 0.3 * self.days * DAY)
                bursts.append((b0, U(0.3, 4) * DAY))
            for m in range(size):
                if m < n_np:
                    sub, created = "np", py.uniform(ts_of(2016, 6, 1), self.start - 20 * DAY)
                    rate = float(rng.lognormal(math.log(tm["rate_med"] * U(2, 4)), 0.4))
                elif m < n_np + n_rep:
                    sub, created = "rep", py.uniform(ts_of(2009, 3, 1), ts_of(2016, 6, 1))
                    rate = float(rng.lognormal(math.log(tm["rate_med"]), tm["rate_sig"]))
                else:
                    b0, bl = py.choice(bursts)
                    sub, created = "new", b0 + py.random() * bl
                    rate = float(rng.lognormal(math.log(tm["rate_med"]), tm["rate_sig"]))
                act = max(tm["start"], created + U(1, 96) * HOUR)
                if sub == "rep":
                    act = tm["start"] + U(0, 15) * DAY            # dormant for years, then switched on
                c1 = self.wchoice(tm["clients"])
                if py.random() < 0.15:
                    cl = self.clients_for("HK")
                else:
                    cl = (CI[c1], CI[self.wchoice(tm["clients"])], U(0.05, 0.4))
                i = self.new(kind="core_" + sub, role=CORE, comm=10000 + k, team=k, stance=-1, rate=min(rate, 80.0),
                             region="HK", tz=8, rtb=tm["camo"] * float(rng.lognormal(0, 0.7)), reply=U(0.02, 0.25),
                             quote=U(0.0, 0.05), lat=tm["mate_med"], lsig=1.0, wk=tm["wkend"], burst=U(1.0, 4.0),
                             prof=self.prof_office(8, shape, int(py.choice([-1, 0, 0, 0, 1])), 0.2), cl=cl,
                             script="simp" if py.random() < tm["simp_frac"] else "trad", pen=tm["en_frac"],
                             engage=U(0.3, 1.0) * (1.5 if sub == "np" else 1.0), vsig=0.9, pol=True, created=created,
                             afrom=act, opfac=float(rng.lognormal(0, 0.5)), default=(sub == "new" and py.random() < 0.25),
                             on_frac=min(0.98, tm["on_frac"] * (1.1 if sub == "np" else float(rng.uniform(0.6, 1.15)))))
                tm["members"].append(i)
                if sub == "np":
                    tm["newsposers"].append(i)
            tm["members_arr"] = np.array(tm["members"], dtype=np.int64)
            self.teams.append(tm)
        self.core_ids = [i for tm in self.teams for i in tm["members"]]
        if self.susp_ts is not None:
            frac = U(0.05, 0.3)
            for i in self.core_ids:
                if py.random() < frac:
                    self.A["ato"][i] = self.susp_ts + U(0, 1) * DAY
        self.info.update(teams=[(tm["size"], tm["shape"], tm["ip"], len(tm["newsposers"])) for tm in self.teams])

    # ================================================================== the operation: amplifier swarms
    def build_swarms(self):
        rng, py, U = self.rng, self.py, self.U
        n_amp = self.a.amplifiers
        K = len(self.teams)
        S = int(rng.integers(1, 6))
        S = max(1, min(S, n_amp // 40))
        serve = []
        for s in range(S):
            t = [int(rng.integers(K))]
            r = rng.random()
            if r < 0.1 and K > 2:
                t = list(range(K))
            elif r < 0.45 and K > 1:
                t.append(int((t[0] + 1 + rng.integers(K - 1)) % K))
            serve.append(sorted(set(t)))
        if K > 1 and not any(len(x) > 1 for x in serve):
            o = (serve[0][0] + 1) % K
            serve[0] = sorted(set(serve[0] + [o]))
        shares = rng.dirichlet(np.full(S, U(0.4, 1.5)))
        sizes = np.maximum(20, np.floor(shares * n_amp)).astype(int)
        while sizes.sum() > n_amp and sizes.max() > 20:
            sizes[int(np.argmax(sizes))] -= 1
        while sizes.sum() < n_amp:
            sizes[int(rng.integers(S))] += 1
        self.swarms, self.groups = [], []
        self.team_groups = {k: [] for k in range(K)}
        late_done = False
        for s in range(S):
            tstart = min(self.teams[k]["start"] for k in serve[s])
            sw_start = tstart + (0 if rng.random() < 0.5 else U(0, 0.3) * self.days * DAY)
            G = int(rng.integers(1, 6))
            G = max(1, min(G, sizes[s] // 15))
            gsz = np.maximum(5, np.floor(rng.dirichlet(np.full(G, 1.0)) * sizes[s])).astype(int)
            gsz[0] += sizes[s] - gsz.sum()
            if gsz[0] < 5:
                gsz = np.array([sizes[s]])
            sw = dict(id=s, teams=serve[s], groups=[])
            for g_i, n_g in enumerate(gsz):
                mode = self.wchoice([("fast", 2), ("waves", 2.5), ("manual", 4), ("drip", 1.5)])
                gtz = 8 if rng.random() < 0.8 else int(py.choice([7, 9, 5, 3, -5]))
                late = False
                if not late_done and ((self.susp_ts is not None and rng.random() < 0.8) or rng.random() < 0.25):
                    late, late_done = True, True
                g = dict(id=len(self.groups), swarm=s, teams=serve[s], mode=mode, tz=gtz, engage=U(0.3, 1.0),
                         offt=U(0.0, 0.3), tmed=U(0.3, 2.0), tsig=U(0.5, 1.2), silent=U(0.1, 0.4), onday=U(0.4, 1.0),
                         camo_frac=U(0.0, 0.8), camo=U(0.002, 0.03), leaders=U(0.0, 0.03), peer_rt=U(1.0, 10.0),
                         default=U(0.45, 0.95), bought=U(0.0, 0.3), med=U(10, 240) * 60, sig=U(0.4, 1.3),
                         fast_mean=U(20, 150), drip_max=U(6, 48) * HOUR, jit=U(60, 600),
                         waves=sorted(py.sample(range(8, 23), int(rng.integers(3, 9)))), wave_min=int(rng.integers(0, 60)),
                         wave_wkday=bool(rng.random() < 0.6), assign_all=bool(rng.random() < 0.2), assign_p=U(0.15, 0.6),
                         fol_op=U(0.1, 0.9), fol_hub=U(0.05, 0.5), fol_rand=U(3, 150), fol_peer=U(0.0, 0.08),
                         ip=self.wchoice([("hosting_pool", 3), ("vpn_pool", 2), ("cn_mobile", 1.5), ("resi_proxy", 1.5),
                                          ("mixed", 1.5)]), per_ip=U(3, 80), clients=py.choice(AMP_CLIENT_MIXES),
                         wk=U(0.2, 1.0), shape=py.choice(["office", "office_long", "office"]), late=late, members=[])
                # creation: a few registration bursts, some bought (old) accounts
                if late:
                    base = (self.susp_ts if self.susp_ts is not None else self.start + U(0.3, 0.7) * self.days * DAY)
                    g_start = base + U(0.5, 6) * DAY
                    bursts = [(base + U(0.2, 4) * DAY, U(0.5, 3) * DAY)]
                else:
                    g_start = sw_start + U(0, 5) * DAY
                    bursts = []
                    for _ in range(int(rng.integers(1, 4))):
                        b0 = py.uniform(ts_of(2018, 6, 1), max(ts_of(2018, 6, 2), g_start - DAY))
                        bursts.append((b0, U(0.5, 6) * DAY))
                g["start"] = g_start
                for _ in range(int(n_g)):
                    if not late and py.random() < g["bought"]:
                        created, bought = py.uniform(ts_of(2010, 1, 1), ts_of(2017, 6, 1)), True
                    else:
                        b0, bl = py.choice(bursts)
                        created, bought = b0 + py.random() * bl, False
                    leader = py.random() < g["leaders"]
                    camo = py.random() < g["camo_frac"]
                    if mode == "fast":
                        prof, floor = np.ones(24), 1.0
                    elif mode == "drip":
                        prof, floor = self.prof_human(int(py.choice([8, 8, 7, -4, 1, 9]))), 0.0
                    else:
                        prof, floor = self.prof_office(gtz, g["shape"], int(py.choice([-1, 0, 0, 1])), 0.25), 0.0
                    if leader:
                        rate = U(0.5, 5)
                    elif py.random() < 0.6:
                        rate = 0.0
                    else:
                        rate = float(rng.lognormal(math.log(0.08), 1.0))
                    c1 = self.wchoice(g["clients"])
                    cl = (CI[c1], CI[self.wchoice(g["clients"])], U(0.0, 0.3))
                    claim = self.wchoice([("HK", 2), ("USE", 1), ("UK", .7), ("USW", .7), ("AU", .4), ("ID", .5),
                                          ("SG", .3), ("CA", .3), ("MY", .2)])
                    i = self.new(kind="amp", role=AMP, comm=20000 + g["id"], team=s, sub=g["id"], stance=-1, rate=rate,
                                 region=claim, tz=gtz, rtb=(g["camo"] * float(rng.lognormal(0, 0.6)) if camo else 0.0003),
                                 reply=0.02, quote=0.0, lat=g["med"], lsig=g["sig"], floor=floor, wk=g["wk"], burst=U(0.5, 3),
                                 prof=prof, cl=cl, script="simp" if py.random() < 0.7 else "trad", pen=U(0.0, 0.5),
                                 engage=0.3, vsig=0.7, created=created, leader=leader, bought=bought,
                                 afrom=max(g_start, created + U(1, 72) * HOUR), default=py.random() < g["default"])
                    g["members"].append(i)
                g["members_arr"] = np.array(g["members"], dtype=np.int64)
                self.groups.append(g)
                sw["groups"].append(g["id"])
                for k in serve[s]:
                    self.team_groups[k].append(g["id"])
            self.swarms.append(sw)
        self.amp_ids = [i for g in self.groups for i in g["members"]]
        if self.susp_ts is not None:
            frac = U(0.1, 0.4)
            for g in self.groups:
                if g["late"]:
                    continue
                for i in g["members"]:
                    if py.random() < frac:
                        self.A["ato"][i] = self.susp_ts + U(0, 2) * DAY
        self.info.update(swarms=[(len(self.swarms[s]["groups"]), int(sizes[s]), self.swarms[s]["teams"]) for s in range(S)],
                         groups=[(g["mode"], len(g["members"]), g["ip"], g["late"]) for g in self.groups],
                         quiet=None if self.quiet is None else (ymd(self.quiet[0]), ymd(self.quiet[1])),
                         susp=None if self.susp_ts is None else ymd(self.susp_ts))

    # ================================================================== arrays, ids, amplifier assignment
    def finalize(self):
        A, py, rng = self.A, self.py, self.rng
        N = self.N
        self.used_uids = set()
        for i in range(N):
            c = A["created"][i]
            if A["afrom"][i] == 0:
                A["afrom"][i] = max(self.start - WARMUP * DAY, c + py.uniform(1, 48) * HOUR)
            if A["tz"][i] is None:
                A["tz"][i] = REGIONS[A["region"][i]][0]
        # ids derive from creation time (like real Twitter ids); assign in random order so nothing else leaks
        order = list(range(N))
        py.shuffle(order)
        self.uid = [None] * N
        for i in order:
            self.uid[i] = str(self.make_uid(A["created"][i]))
        self.kind = np.array([KINDS.index(k) for k in A["kind"]], dtype=np.int16)
        for name in ("role", "comm", "team", "sub", "stance", "nat"):
            setattr(self, name, np.array(A[name], dtype=np.int64))
        for name in ("tz",):
            setattr(self, name, np.array(A[name], dtype=np.int64))
        for name in ("rate", "rtb", "reply", "quote", "lat", "lsig", "floor", "wk", "burst", "created", "afrom", "ato",
                     "loyal", "loyal_src", "engage", "speed", "fanlat", "vsig", "pen", "opfac", "on_frac"):
            setattr(self, name, np.array(A[name], dtype=np.float64))
        for name in ("hub", "ext", "notif", "pol", "default", "leader"):
            setattr(self, name, np.array(A[name], dtype=bool))
        P = np.array(A["prof"], dtype=np.float64)
        P = np.maximum(P, 1e-4)
        self.pcdf = np.cumsum(P, axis=1) / P.sum(axis=1, keepdims=True)
        self.pmax = np.maximum(P / P.max(axis=1, keepdims=True), self.floor[:, None])
        cl = A["cl"]
        self.cl1 = np.array([c[0] for c in cl], dtype=np.int64)
        self.cl2 = np.array([c[1] for c in cl], dtype=np.int64)
        self.clp = np.array([c[2] for c in cl], dtype=np.float64)
        self.is_core = self.role == CORE
        self.is_amp = self.role == AMP
        self.organic_idx = np.nonzero((self.role == ORG) & ~self.ext)[0]
        # ---- amplifier participation: each amplifier boosts a random subset of operators, at its own rate
        exp_posts = np.zeros(N)
        for tm in self.teams:
            for op in tm["members"]:
                exp_posts[op] = self.rate[op] * self.on_frac[op] + tm["tasks"] * tm["task_part"]
        self.part = np.zeros(N)
        for g in self.groups:
            pool = np.concatenate([self.teams[k]["members_arr"] for k in g["teams"]])
            w = exp_posts[pool] + 0.2
            w = w / w.sum()
            assign = {}
            for i in g["members"]:
                if g["assign_all"]:
                    ops = pool
                else:
                    kk = min(len(pool), int(rng.geometric(g["assign_p"])))
                    ops = rng.choice(pool, size=kk, replace=False, p=w)
                if py.random() < g["silent"]:
                    target = py.uniform(0.005, 0.06)
                else:
                    target = float(rng.lognormal(math.log(g["tmed"]), g["tsig"]))
                expo = exp_posts[ops].sum() * g["engage"]
                self.part[i] = min(0.95, target / max(expo, 0.05))
                for op in ops:
                    assign.setdefault(int(op), []).append(i)
            g["assign"] = {op: np.array(v, dtype=np.int64) for op, v in assign.items()}
            g["ops"] = {i: None for i in g["members"]}
        self.dayfac = np.ones(N)
        self.grp_onday = np.zeros(N)
        for g in self.groups:
            self.grp_onday[g["members_arr"]] = g["onday"]

    # ================================================================== follow graph
    def build_follows(self):
        rng, py, U = self.rng, self.py, self.U
        N = self.N
        S, D = [], []

        def add(s, d):
            S.append(np.asarray(s, dtype=np.int64).ravel())
            D.append(np.asarray(d, dtype=np.int64).ravel())

        def add_from(x, dsts):
            add(np.full(len(dsts), x), dsts)

        def wsample(pool, cum, n):
            if n <= 0 or len(pool) == 0:
                return np.zeros(0, dtype=np.int64)
            return pool[np.minimum(np.searchsorted(cum, rng.random(n) * cum[-1]), len(pool) - 1)]

        kinds = self.A["kind"]
        social_kinds = {"reg", "act", "probj", "fan", "mob", "fanbase"}
        social = np.array([i for i in range(N) if kinds[i] in social_kinds], dtype=np.int64)
        age = np.clip((self.end - self.created) / (2 * 365 * DAY), 0.03, 1.0)
        self.age_f = age
        attract = (rng.pareto(1.4, N) + 1.0) * (self.rate + 0.05) ** 0.3 * age ** 0.8
        self.attract = attract
        outdeg = np.clip(rng.lognormal(math.log(35), 1.0, N) * age ** 0.3, 1, 1500).astype(np.int64)
        scum = np.cumsum(attract[social])
        comm_members = {}
        for i in social:
            comm_members.setdefault(int(self.comm[i]), []).append(int(i))
        comm_members = {c: np.array(v, dtype=np.int64) for c, v in comm_members.items()}
        # related communities
        rel = {}
        for c, desc in enumerate(self.comms):
            if c not in comm_members:
                continue
            r = []
            for c2, d2 in enumerate(self.comms):
                if c2 == c or c2 not in comm_members:
                    continue
                if desc["kind"] == "act" and (d2["topic"] == "hk_protest" or d2["kind"] == "act"):
                    r.append(c2)
                elif desc["kind"] in ("probj", "mob") and (d2["kind"] in ("probj", "mob") or d2["topic"] in ("cn_dia",)):
                    r.append(c2)
                elif desc["kind"] == "fandom" and d2["kind"] == "fandom":
                    r.append(c2)
                elif desc["kind"] == "reg" and d2["kind"] == "reg" and (d2["topic"] == desc["topic"] or
                                                                       d2["region"] == desc["region"]):
                    r.append(c2)
                elif desc["kind"] == "reg" and desc["topic"] == "hk_protest" and d2["kind"] == "act":
                    r.append(c2)
            rel[c] = r
        W_IN = {"reg": 0.6, "act": 0.45, "fandom": 0.5, "mob": 0.55, "probj": 0.55}
        for c, M in comm_members.items():
            desc = self.comms[c]
            d = outdeg[M]
            w_in = W_IN.get(desc["kind"], 0.6)
            n_in = np.minimum(np.round(d * w_in).astype(np.int64), len(M) - 1)
            cum = np.cumsum(attract[M])
            add(np.repeat(M, n_in), wsample(M, cum, int(n_in.sum())))
            n_x = np.round(d * 0.28).astype(np.int64)
            if rel.get(c):
                pool = np.concatenate([comm_members[c2] for c2 in rel[c]])
                add(np.repeat(M, n_x), wsample(pool, np.cumsum(attract[pool]), int(n_x.sum())))
            n_g = np.round(d * 0.07 + rng.random(len(M))).astype(np.int64)
            add(np.repeat(M, n_g), wsample(social, scum, int(n_g.sum())))
        for grp in self.act_groups:
            M = np.array(grp["members"], dtype=np.int64)
            dens = U(0.45, 0.9)
            a, b = np.meshgrid(M, M, indexing="ij")
            m = (rng.random(a.shape) < dens) & (a != b)
            add(a[m], b[m])
        # ---- audiences of hubs
        aud_name = []
        for i in range(N):
            k = kinds[i]
            aud_name.append(self.A["topic"][i] if k == "reg" else ("fan" if k in ("fan", "fanbase") else k))
        aud_keys = sorted(set(aud_name))
        aud_idx = np.array([aud_keys.index(x) for x in aud_name], dtype=np.int64)
        soc_aud = aud_idx[social]

        def audience(h, spec, default):
            p = np.array([spec.get(k, default) for k in aud_keys])
            m = rng.random(len(social)) < p[soc_aud] * np.clip(attract[social] ** 0.15, 0.5, 2.0)
            f = social[m]
            f = f[f != h]
            add(f, np.full(len(f), h))

        for h in self.news:
            if self.A["region"][h] == "HK":
                audience(h, {"hk_protest": U(.3, .6), "hk_life": U(.3, .6), "act": .8, "probj": .4, "mob": .2, "tw": .2,
                             "cn_dia": .3, "finance": .4, "us_pol": .1}, .03)
            else:
                audience(h, {"us_pol": .5, "uk": .5, "hk_protest": .3, "act": .5, "tech": .15, "finance": .3}, .05)
        for h in self.celebs:
            audience(h, {self.A["topic"][h]: U(.3, .6), "fan": .05}, U(.01, .08))
        for fd in self.fandoms:
            F = np.array(fd["fans"], dtype=np.int64)
            B = fd["fanbases"]
            m = rng.random(len(F)) < 0.97
            add(F[m], np.full(int(m.sum()), fd["idol"]))
            for b in B:
                m = rng.random(len(F)) < 0.8
                add(F[m], np.full(int(m.sum()), b))
                add(np.full(len(B), b), np.array(B))
                add(np.array([b]), np.array([fd["idol"]]))
            audience(fd["idol"], {"fan": .1}, .004)
        for h in self.headbots:
            audience(h, {"hk_protest": .03, "hk_life": .02, "act": .1, "finance": .05}, .002)
        for h in self.rtbots:
            audience(h, {"act": .05, "hk_protest": .01}, .001)
        for h in self.ext_state:
            audience(h, {"probj": .6, "mob": .7, "cn_dia": .2, "hk_life": .02}, .003)
        for h in self.ext_demo:
            audience(h, {"act": .8, "hk_protest": .5, "hk_life": .15, "tw": .2, "us_pol": .1}, .01)
        for h in self.ext_glob:
            audience(h, {self.A["topic"][h]: .3}, .03)
        hubs_news = np.array(self.news, dtype=np.int64)
        hubs_celeb = np.array(self.celebs, dtype=np.int64)
        idols = np.array([fd["idol"] for fd in self.fandoms], dtype=np.int64)
        ext_state = np.array(self.ext_state, dtype=np.int64)
        ext_glob = np.array(self.ext_glob, dtype=np.int64)
        probj = np.array(self.probj, dtype=np.int64)
        mob = np.array(self.mob, dtype=np.int64)
        # ---- core accounts
        for tm in self.teams:
            M = tm["members_arr"]
            a, b = np.meshgrid(M, M, indexing="ij")
            m = (rng.random(a.shape) < tm["follow_dens"]) & (a != b)
            add(a[m], b[m])
            for op in M:
                add_from(op, hubs_news[rng.random(len(hubs_news)) < U(.3, .8)])
                add_from(op, hubs_celeb[rng.random(len(hubs_celeb)) < .4])
                add_from(op, idols[rng.random(len(idols)) < .05])
                add_from(op, ext_state[rng.random(len(ext_state)) < .7])
                add_from(op, ext_glob[rng.random(len(ext_glob)) < .2])
                farm = wsample(social, scum, int(rng.lognormal(math.log(60), 0.8)))
                add(np.full(len(farm), op), farm)
                back = farm[rng.random(len(farm)) < 0.08]
                add(back, np.full(len(back), op))
                for tm2 in self.teams:
                    if tm2 is not tm:
                        o = tm2["members_arr"]
                        o = o[rng.random(len(o)) < tm["follow_dens"] * 0.1]
                        add(np.full(len(o), op), o)
                if len(probj):
                    pr = U(.1, .4) if op in tm["newsposers"] else 0.02
                    f = probj[rng.random(len(probj)) < pr]
                    add(f, np.full(len(f), op))
                if len(mob) and op in tm["newsposers"]:
                    f = mob[rng.random(len(mob)) < .3]
                    add(f, np.full(len(f), op))
                if op in tm["newsposers"]:
                    f = wsample(social, scum, int(rng.poisson(25)))
                    add(f, np.full(len(f), op))
        # ---- amplifiers
        for g in self.groups:
            M = g["members_arr"]
            for op, amps in g["assign"].items():
                f = amps[rng.random(len(amps)) < g["fol_op"]]
                add(f, np.full(len(f), op))
            hubs = np.concatenate([hubs_news, hubs_celeb, idols, ext_state])
            for h in hubs:
                f = M[rng.random(len(M)) < g["fol_hub"]]
                add(f, np.full(len(f), h))
            nr = np.clip(rng.lognormal(math.log(g["fol_rand"]), 0.8, len(M)), 0, 2000).astype(np.int64)
            tgt = wsample(social, scum, int(nr.sum()))
            srcs = np.repeat(M, nr)
            add(srcs, tgt)
            back = rng.random(len(tgt)) < 0.02
            add(tgt[back], srcs[back])
            npeer = rng.binomial(len(M) - 1, g["fol_peer"], len(M)) if len(M) > 1 else np.zeros(len(M), dtype=np.int64)
            add(np.repeat(M, npeer), M[rng.integers(0, len(M), int(npeer.sum()))])
        for x, (a_, b_) in enumerate(zip(S, D)):
            assert a_.size == b_.size, x
        s = np.concatenate(S)
        d = np.concatenate(D)
        m = s != d
        key = np.unique(s[m] * N + d[m])
        self.fsrc = key // N
        self.fdst = key % N
        # followers CSR (who sees an account's tweets) and followees CSR
        order = np.argsort(self.fdst, kind="stable")
        self.fol_idx = self.fsrc[order]
        self.fol_ptr = np.searchsorted(self.fdst[order], np.arange(N + 1))
        self.fee_idx = self.fdst                      # key sorted by src already
        self.fee_ptr = np.searchsorted(self.fsrc, np.arange(N + 1))
        self.indeg = np.diff(self.fol_ptr)
        self.outdeg = np.diff(self.fee_ptr)

    # ================================================================== profiles
    def uniq_handle(self, h):
        h = "".join(ch for ch in h if ch.isascii() and (ch.isalnum() or ch == "_"))[:15] or "user"
        base = h
        while h.lower() in self.handles or len(h) < 4:
            suffix = str(self.py.randrange(1, 9999))
            h = (base[:15 - len(suffix)] + suffix)
        self.handles.add(h.lower())
        return h

    def person_name(self, style):
        py = self.py
        if style == "hk":
            r = py.random()
            if r < 0.35:
                return py.choice(HK_ENG) + " " + py.choice(HK_SUR), None
            if r < 0.55:
                return py.choice(ZH_SUR) + py.choice(ZH_GIVEN), py.choice(HK_SUR).lower() + py.choice(HK_GIVEN).replace(" ", "").lower()
            if r < 0.7:
                s = py.choice(HK_SUR)
                g = py.choice(HK_GIVEN)
                return s + " " + g, None
            if r < 0.85:
                n = py.choice(NICK)
                return n.capitalize() + (" " + py.choice(EMOJI) if py.random() < 0.3 else ""), None
            return py.choice(HK_ENG), None
        if style == "cn":
            if py.random() < 0.6:
                return to_simp(py.choice(ZH_SUR) + py.choice(ZH_GIVEN)), py.choice(PINYIN_SUR).lower() + py.choice(PINYIN_GIVEN).lower()
            return py.choice(PINYIN_GIVEN) + " " + py.choice(PINYIN_SUR), None
        if style == "tw":
            if py.random() < 0.6:
                return py.choice(ZH_SUR) + py.choice(ZH_GIVEN), py.choice(NICK) + py.choice(NICK)
            return py.choice(EN_FIRST) + " " + py.choice(["Lin", "Chen", "Huang", "Tsai", "Wu", "Hsu"]), None
        if style == "ja":
            return py.choice(JA_NAMES), py.choice(NICK) + "_" + py.choice(NICK)
        if style == "ko":
            return py.choice(KO_NAMES), py.choice(NICK) + py.choice(NICK)
        r = py.random()
        if r < 0.75:
            return py.choice(EN_FIRST) + " " + py.choice(EN_LAST), None
        return py.choice(NICK).capitalize() + " " + py.choice(NICK), None

    def handle_from(self, disp, alt, default=False):
        py = self.py
        parts = ["".join(ch for ch in w if ch.isascii() and ch.isalnum()) for w in disp.split()]
        parts = [p for p in parts if p]
        if not parts:
            parts = [alt] if alt else [py.choice(NICK), py.choice(NICK)]
        if default:
            first = parts[0].capitalize()
            last = parts[-1].capitalize() if len(parts) > 1 else ""
            stem = (first + last)[: int(py.choice([7, 8, 9, 10, 11]))] if py.random() < 0.7 else first[:7]
            return stem + "".join(py.choice("0123456789") for _ in range(15 - len(stem) if len(stem) >= 7 else 8))
        r = py.random()
        joined = "".join(parts).lower()
        if r < 0.3:
            return joined
        if r < 0.5:
            return "_".join(parts).lower()
        if r < 0.7:
            return joined[:11] + str(py.randrange(1, 100))
        if r < 0.85:
            return parts[0].lower() + py.choice(["_hk", "_", "x", "o", "__", "hk", "1", "99"]) if py.random() < 0.5 else \
                py.choice(NICK) + "_" + parts[0].lower()
        return parts[-1].lower() + str(py.randrange(1980, 2006))

    def alang(self, region):
        return self.wchoice(REGIONS[region][4])

    def build_profiles(self):
        py, rng, A = self.py, self.rng, self.A
        self.handles = set()
        N = self.N
        self.handle = [None] * N
        self.ucols = [None] * N
        idol_name = {fd["comm"]: fd["name"] for fd in self.fandoms}
        for i in range(N):
            k = A["kind"][i]
            reg = A["region"][i]
            style = REGIONS[reg][3]
            loc = py.choice(REGIONS[reg][2]) if py.random() < 0.7 else ""
            desc, url, alng = "", "", self.alang(reg)
            indeg, outdeg = int(self.indeg[i]), int(self.outdeg[i])
            agef = float(self.age_f[i])
            fc = int(indeg * rng.lognormal(math.log(1 + 3 * agef), 0.7) + rng.lognormal(math.log(20), 1.3) * agef)
            fo = int(outdeg * rng.lognormal(math.log(1 + 1.5 * agef), 0.6) + rng.lognormal(math.log(30), 1.0) * agef ** 0.5)
            default = bool(A["default"][i])
            if k in ("reg", "act", "probj", "mob"):
                if k in ("probj", "mob") or A["topic"][i] == "cn_dia":
                    style = "cn"
                disp, alt = self.person_name(style)
                h = self.handle_from(disp, alt, default)
                topic = {"act": "hk_protest", "probj": "probj", "mob": "mob"}.get(k, A["topic"][i])
                if not default and py.random() < 0.8:
                    desc = self.bio(topic, A["stance"][i])
                if default:
                    loc = "" if py.random() < 0.7 else loc
                if k in ("probj", "mob") and py.random() < 0.5:
                    alng = "zh-cn"
                if k == "mob":
                    fc = int(indeg + rng.lognormal(math.log(5), 1.0))
                url = self.tco() if (not default and py.random() < 0.12) else ""
            elif k == "fan":
                nm = idol_name[A["comm"][i]]
                disp = py.choice([py.choice(NICK), py.choice(EN_FIRST).lower(), py.choice(KO_NAMES)]) + " " + \
                    py.choice(["💜", "✨", "🌙", "⁷", "🐰", nm.lower(), "ᴗ", "♡"])
                h = py.choice([nm.lower() + py.choice(NICK), py.choice(NICK) + "4" + nm.lower(), nm.lower() + "_" +
                               py.choice(EN_FIRST).lower(), py.choice(NICK) + py.choice(NICK) + str(py.randrange(0, 99))])
                if default:
                    h = self.handle_from(py.choice(EN_FIRST) + " " + py.choice(EN_LAST), None, True)
                desc = py.choice(["", f"{nm} 💜 | fan account", f"{nm} stan | she/her", f"streaming for {nm}",
                                  f"{nm} ♡ ot", f"only here for {nm}", "fan account"])
            elif k == "fanbase":
                nm = idol_name[A["comm"][i]]
                disp = nm + " " + py.choice(["Updates", "Daily", "Fanbase", "INTL", "Streaming Team", "Archive"])
                h = nm.lower() + py.choice(["updates", "daily", "_intl", "fanbase", "stream", "archive"])
                desc = f"Fan-run account dedicated to {nm}. Updates, schedules and streaming goals."
                fc = int(rng.uniform(2e4, 6e5))
                url = self.tco()
            elif k == "idol":
                nm = idol_name[A["comm"][i]]
                disp, h = nm, nm.lower() + py.choice(["_official", "official", "_twt", ""])
                desc = f"{nm} official twitter"
                fc = int(rng.uniform(1e6, 3e7))
                url = self.tco()
            elif k == "news":
                disp = NEWS_NAMES[(i * 7 + self.seed) % len(NEWS_NAMES)]
                h = self.handle_from(disp, None).replace("_", "")[:12] + py.choice(["", "", "news", "HK"])
                desc = py.choice(["Breaking news and analysis from Hong Kong and Asia.", "Independent news, 24/7.",
                                  "News, opinion and live coverage.", "香港新聞 即時報道", "Your source for Asia news."])
                fc = int(rng.uniform(2e5, 5e6))
                url, loc, alng = self.tco(), py.choice(REGIONS[reg][2]), "en"
            elif k == "celeb":
                disp, alt = self.person_name(style)
                h = self.handle_from(disp, alt) + py.choice(["", "official", "_"])
                desc = py.choice(["Singer | Actor", "Official account", "Athlete. Dreamer.", "Chef & TV host", "Photographer"])
                fc = int(rng.uniform(5e5, 2e7))
                url = self.tco() if py.random() < 0.7 else ""
            elif k in ("headbot", "rtbot"):
                disp = py.choice(BOT_NAMES[k])
                h = self.handle_from(disp, None).replace("_", "")[:11] + "bot"
                desc = py.choice(BOT_DESC[k])
                fc = int(rng.uniform(50, 2e4) if k == "headbot" else rng.uniform(20, 3000))
                url = self.tco() if py.random() < 0.6 else ""
                alng = "en"
            elif k.startswith("ext"):
                disp = EXT_NAMES[k][(i + self.seed) % len(EXT_NAMES[k])]
                h = self.handle_from(disp, None).replace("_", "")[:14]
                desc, fc, url = "", int(rng.uniform(1e5, 1e7)), self.tco()
            elif k.startswith("core"):
                tm = self.teams[A["team"][i]]
                alng = "zh-cn" if py.random() < tm["zhcn"] else py.choice(["en", "zh-tw", "en"])
                sub = k[5:]
                if sub == "np":
                    disp = py.choice(NEWSPOSER_NAMES)
                    h = self.handle_from(disp, None).replace("_", "")[:11] + py.choice(["", "news", "hk", str(py.randrange(100, 999))])
                    desc = py.choice(["香港時事新聞，每日更新", "Hong Kong news updates | 香港新聞", "關注香港 真相報道",
                                      "News from Hong Kong, every day.", "香港正能量新聞"])
                    url, loc = self.tco(), py.choice(["Hong Kong", "香港", "HK"])
                    fc = int(indeg * 2 + rng.uniform(800, 30000))
                elif sub == "rep":
                    old = py.choice(["en", "en", "id", "es", "pt", "en-gb"])
                    disp, alt = self.person_name("en")
                    h = self.handle_from(disp, alt, py.random() < 0.3)
                    if py.random() < 0.5:                              # renamed when repurposed
                        disp, _ = self.person_name(py.choice(["hk", "cn"]))
                        desc = self.bio("probj", -1) if py.random() < 0.6 else ""
                        loc = py.choice(["Hong Kong", "香港", ""])
                    else:
                        desc = py.choice(OLD_LIFE_BIOS)
                        loc = py.choice(["", "Jakarta", "Los Angeles", "London", "São Paulo", "Manila", ""])
                    alng = old if py.random() < 0.6 else alng
                    fc = int(indeg + rng.lognormal(math.log(300), 1.2))
                else:
                    disp, alt = self.person_name(py.choice(["hk", "hk", "cn"]))
                    h = self.handle_from(disp, alt, default)
                    desc = "" if default else (self.bio("probj", -1) if py.random() < 0.5 else self.bio("hk_life", 0))
                    loc = py.choice(["Hong Kong", "香港", "HK", "", "Kowloon"]) if not default else ""
                    fc = int(indeg * rng.uniform(1, 3) + rng.lognormal(math.log(80), 1.2))
                fo = int(outdeg + rng.lognormal(math.log(100), 1.0))
            else:                                                      # amplifiers
                g = self.groups[A["sub"][i]]
                if A["bought"][i]:
                    disp, alt = self.person_name(py.choice(["en", "en", "hk"]))
                    h = self.handle_from(disp, alt, py.random() < 0.3)
                    desc = py.choice(OLD_LIFE_BIOS + [""])
                    alng = py.choice(["en", "es", "id", "pt", "tr", "ar", "en"])
                    fc = int(indeg + rng.lognormal(math.log(150), 1.0))
                else:
                    disp, alt = self.person_name(py.choice(["en", "en", "cn", "hk"]))
                    if default:
                        h = self.handle_from(disp, alt, True) if py.random() < 0.75 else \
                            "".join(py.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(py.randrange(8, 15)))
                        desc, loc = "", ("" if py.random() < 0.8 else loc)
                    else:
                        h = self.handle_from(disp, alt)
                        desc = py.choice([self.bio("probj", -1), py.choice(SPAM_MIX), self.bio("hk_life", 0), ""])
                    alng = "zh-cn" if py.random() < 0.4 else py.choice(["en", "en", "zh-tw"])
                    fc = int(indeg + rng.poisson(3))
                fo = int(outdeg + rng.lognormal(math.log(50), 1.0))
                url = self.tco() if py.random() < 0.01 else ""
            h = self.uniq_handle(h)
            self.handle[i] = h
            self.ucols[i] = [self.uid[i], disp, h, loc, desc, url, str(max(fc, indeg)), str(max(fo, outdeg)),
                             ymd(A["created"][i]), alng]

    def bio(self, topic, stance):
        py = self.py
        if topic == "hk_protest" or (topic == "hk_life" and stance > 0 and py.random() < 0.5):
            return py.choice(BIOS["hk_protest"])
        if topic in ("probj", "mob"):
            b = py.choice(BIOS["probj"])
            return to_simp(b) if py.random() < 0.6 else b
        return py.choice(BIOS.get(topic, BIOS["generic"]))

    # ================================================================== content
    def fill(self, s):
        py = self.py
        if "{" not in s:
            return s
        return (s.replace("{dz}", py.choice(DISTRICTS_ZH)).replace("{de}", py.choice(DISTRICTS_EN))
                .replace("{tech}", py.choice(TECHS)).replace("{team}", py.choice(TEAMS_SPORT))
                .replace("{city}", py.choice(CITIES)).replace("{song}", py.choice(SONGS))
                .replace("{n}", str(py.randrange(1, 9))).replace("{mon}", py.choice(MONTHS)))

    def ntags(self, lo=0):
        r = self.py.random()
        n = 0 if r < 0.4 else 1 if r < 0.72 else 2 if r < 0.9 else 3
        return max(lo, n)

    def compose(self, bank, lang, script="trad", tags=(), urls=(), nfrag=None, emoji_p=0.25, prefix=""):
        py = self.py
        if nfrag is None:
            nfrag = 1 if py.random() < 0.6 else 2
        frs = [self.fill(x) for x in (py.sample(bank, nfrag) if len(bank) >= nfrag else [py.choice(bank) for _ in range(nfrag)])]
        if lang == "en":
            text = (py.choice([". ", " ", "! ", " - "])).join(frs)
        else:
            text = py.choice([" ", "，", "！", "。"]).join(frs)
        if prefix:
            text = prefix + text
        if py.random() < emoji_p:
            text += " " + "".join(py.choice(EMOJI) for _ in range(py.choice([1, 1, 2, 3])))
        tags = list(tags)
        if script == "simp":
            text = to_simp(text)
            tags = [to_simp(t) for t in tags]
        if tags:
            ht = " ".join("#" + t for t in tags)
            text = (ht + " " + text) if py.random() < 0.2 else (text + " " + ht)
        for _ in urls:
            text += " " + self.tco()
        return text, tags

    def mk_url(self, domain):
        py = self.py
        if domain == "youtube.com":
            return "https://www.youtube.com/watch?v=" + "".join(py.choice(ALNUM + "-_") for _ in range(11))
        if domain == "facebook.com":
            return "https://www.facebook.com/" + py.choice(["pages", "watch", "story.php"]) + "/" + str(py.randrange(10**14, 10**15))
        if domain == "instagram.com":
            return "https://www.instagram.com/p/" + "".join(py.choice(ALNUM) for _ in range(11)) + "/"
        if domain == "bit.ly":
            return "https://bit.ly/" + "".join(py.choice(ALNUM) for _ in range(7))
        sec = py.choice(["news", "article", "hong-kong", "china", "world", "politics", "2019", "opinion", "video"])
        return f"https://www.{domain}/{sec}/{py.randrange(100000, 9999999)}"

    def pick_tags(self, pool, lo=0):
        n = min(len(pool), self.ntags(lo))
        return self.py.sample(pool, n) if n else []

    def content(self, u, t):
        """(text, lang, tags, urls, stance, ontopic) for an ordinary original by account u."""
        py = self.py
        k = self.kname[u]
        topic = self.A["topic"][u]
        st = int(self.stance[u])
        en = py.random() < self.pen[u]
        script = self.A["script"][u]
        if k in ("reg", "act", "celeb", "ext_demo", "ext_glob"):
            if k == "act" or topic == "hk_protest" or k == "ext_demo":
                pol_p = 0.9 if k in ("act", "ext_demo") else 0.65
            elif topic == "hk_life":
                pol_p = 0.25 if st != 0 else 0.03
            elif topic in ("cn_dia", "tw"):
                pol_p = 0.3 if st != 0 else 0.05
            else:
                pol_p = 0.0
            if py.random() < pol_p:
                s_ = st if st != 0 else 1
                if s_ > 0:
                    bank, lang, tagpool = (HK_PROTEST_EN, "en", TAGS["hk_protest"]) if en else (HK_PROTEST_ZH, "zh", TAGS["hk_protest"])
                    doms = NEWS_DOMAINS_HK + ["youtube.com", "instagram.com", "facebook.com"] + NEWS_DOMAINS_INTL[:3]
                else:
                    bank, lang, tagpool = (PRO_GOVT_EN, "en", TAGS["pro_govt"]) if en else (PRO_GOVT_ZH, "zh", TAGS["pro_govt"])
                    doms = STATE_DOMAINS + ["youtube.com"]
                urls = [self.mk_url(py.choice(doms))] if py.random() < 0.22 else []
                text, tags = self.compose(bank, lang, script, self.pick_tags(tagpool), urls)
                return text, lang, tags, urls, s_, True
            if topic in ("hk_life", "hk_protest"):
                bank, lang = (EN_DAILY, "en") if en else (HK_LIFE_ZH, "zh")
                tagpool = TAGS["hk_life"]
            elif topic == "cn_dia":
                bank, lang, tagpool = CN_DIA_ZH, "zh", TAGS["cn_dia"]
            elif topic in TOPIC_TEXT:
                bank, lang, _w = self.wchoice([((b, l, w), w) for b, l, w in TOPIC_TEXT[topic]])
                tagpool = TAGS.get(topic, TAGS["spam"])
            else:
                bank, lang, tagpool = EN_DAILY, "en", TAGS["spam"]
            urls = [self.mk_url(py.choice(GENERIC_DOMAINS))] if py.random() < 0.08 else []
            tags = self.pick_tags(tagpool) if py.random() < 0.35 else []
            text, tags = self.compose(bank, lang, script, tags, urls)
            if lang is None:
                lang = "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in text) else "en"
            return text, lang, tags, urls, 0, False
        if k in ("probj", "ext_state"):
            if py.random() < (0.6 if k == "probj" else 0.95):
                bank, lang = (PRO_GOVT_EN, "en") if en else (PRO_GOVT_ZH, "zh")
                urls = [self.mk_url(py.choice(STATE_DOMAINS + ["youtube.com"]))] if py.random() < 0.3 else []
                text, tags = self.compose(bank, lang, script, self.pick_tags(TAGS["pro_govt"]), urls)
                return text, lang, tags, urls, -1, True
            bank = CN_DIA_ZH if py.random() < 0.6 else OFF_ZH
            text, tags = self.compose(bank, "zh", script)
            return text, "zh", tags, [], 0, False
        if k == "mob":
            text, tags = self.compose(MOB_ZH, "zh", "simp", self.pick_tags(TAGS["mob"], 1), emoji_p=0.6)
            return text, "zh", tags, [], -1, True
        if k in ("fan", "fanbase", "idol"):
            nm = self.fandom_name[self.comm[u]]
            if k == "idol":
                txt = py.choice([f"{nm} 💜", "Thank you for today!", "보고 싶었어요", "See you soon ✨", "ありがとう!",
                                 "new photo", "Good night everyone", "오늘도 고마워요"])
                lang = "ko" if any("\uac00" <= c <= "\ud7a3" for c in txt) else ("ja" if "あ" in txt else "en")
                tags = [nm] if py.random() < 0.5 else []
                urls = []
            elif k == "fanbase":
                txt = py.choice([f"[UPDATE] {nm} on instagram", f"{nm} schedule for today", f"STREAMING GOAL: 1M for {nm}",
                                 f"[VIDEO] {nm} behind the scenes", f"Vote for {nm} now! Voting closes in 2 hours",
                                 f"{nm} trending #1 worldwide"])
                lang, tags = "en", [nm, nm + "Comeback"][: py.choice([1, 2])]
                urls = [self.mk_url(py.choice(["instagram.com", "youtube.com"]))] if py.random() < 0.6 else []
            else:
                if py.random() < 0.3:
                    txt, lang = py.choice(KO_FAN), "ko"
                else:
                    txt = py.choice([f"{nm} looks so good today 😭", f"we love you {nm}", f"{nm}!!!!", "I'm crying",
                                     "the way he smiled", f"stream {nm}'s new song", f"vote for {nm}", "OMG the new photos",
                                     f"proud of {nm}", "can't stop watching this"])
                    lang = "en"
                tags = [nm] if py.random() < 0.4 else []
                urls = []
            text, tags = self.compose([txt], lang, "trad", tags, urls, nfrag=1, emoji_p=0.5)
            return text, lang, tags, urls, 0, False
        if k in ("news", "headbot"):
            if self.A["region"][u] == "HK" and py.random() < 0.4:
                txt, lang = py.choice(NEWS_EVENTS_ZH), "zh"
            else:
                txt, lang = py.choice(NEWS_PLACES) + ": " + py.choice(NEWS_EVENTS_EN), "en"
                if py.random() < 0.15:
                    txt = "BREAKING: " + txt
            dom = self.news_domain.get(u) or py.choice(NEWS_DOMAINS_HK + NEWS_DOMAINS_INTL)
            urls = [self.mk_url(dom)]
            tags = self.pick_tags(TAGS["news"]) if py.random() < 0.4 else []
            text, tags = self.compose([txt], lang, "trad", tags, urls, nfrag=1, emoji_p=0.0)
            return text, lang, tags, urls, 0, False
        if k.startswith("core"):
            tm = self.teams[self.team[u]]
            if py.random() < self.on_frac[u]:
                bank, lang = (PRO_GOVT_EN, "en") if en else (PRO_GOVT_ZH, "zh")
                urls = []
                if py.random() < tm["url_p"]:
                    dom = py.choice(tm["domains"]) if (py.random() < 0.7 or not tm["state"]) else py.choice(tm["state"] + ["youtube.com"])
                    urls = [self.mk_url(dom)]
                text, tags = self.compose(bank, lang, script, self.pick_tags(tm["tags"]), urls)
                return text, lang, tags, urls, -1, True
            if k == "core_np" and py.random() < 0.6:
                txt = py.choice(NEWS_PLACES) + ": " + py.choice(NEWS_EVENTS_EN) if en else py.choice(NEWS_EVENTS_ZH)
                lang = "en" if en else "zh"
                urls = [self.mk_url(py.choice(tm["domains"]))]
                text, tags = self.compose([txt], lang, script, [], urls, nfrag=1, emoji_p=0)
                return text, lang, tags, urls, 0, False
            if py.random() < tm["guo"]:
                text, tags = self.compose(GUO_ZH, "zh", script, self.pick_tags(TAGS["guo"]))
                return text, "zh", tags, [], 0, False
            bank, lang = (OFF_EN, "en") if en else (OFF_ZH, "zh")
            text, tags = self.compose(bank, lang, script)
            return text, lang, tags, [], 0, False
        # amplifiers
        if self.leader[u] and py.random() < 0.8:
            bank = PRO_GOVT_ZH if py.random() < 0.7 else MOB_ZH
            text, tags = self.compose(bank, "zh", script, self.pick_tags(TAGS["pro_govt"] + TAGS["mob"], 1), nfrag=1)
            return text, "zh", tags, [], -1, True
        bank = SPAM_MIX if py.random() < 0.6 else (OFF_EN if en else OFF_ZH)
        text, tags = self.compose(bank, "zh" if bank is OFF_ZH else "en", script, self.pick_tags(TAGS["spam"]) if py.random() < 0.3 else [])
        lang = "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in text) else "en"
        return text, lang, tags, [], 0, False

    def task_message(self, tm):
        py = self.py
        en = py.random() < tm["en_frac"]
        bank = PRO_GOVT_EN if en else PRO_GOVT_ZH
        dom = py.choice(tm["domains"]) if (py.random() < 0.75 or not tm["state"]) else py.choice(tm["state"])
        return dict(frags=[self.fill(py.choice(bank)) for _ in range(py.choice([1, 2, 2, 3]))], lang="en" if en else "zh",
                    tags=py.sample(tm["tags"], min(len(tm["tags"]), py.choice([1, 2, 2, 3]))),
                    url=self.mk_url(dom) if py.random() < 0.85 else None)

    def task_variant(self, u, msg):
        py = self.py
        fr = list(msg["frags"])
        if len(fr) > 1 and py.random() < 0.5:
            py.shuffle(fr)
        if len(fr) > 2 and py.random() < 0.4:
            fr.pop()
        pre = py.choice(TASK_PREFIX_EN if msg["lang"] == "en" else TASK_PREFIX_ZH)
        tags = [t for t in msg["tags"] if py.random() < 0.8] or msg["tags"][:1]
        urls = [msg["url"]] if msg["url"] else []
        text, tags = self.compose([(" " if msg["lang"] == "en" else "，").join(fr)], msg["lang"], self.A["script"][u], tags,
                                  urls, nfrag=1, emoji_p=0.3, prefix=pre)
        return text, msg["lang"], tags, urls

    def storm_variant(self, u, msg):
        py = self.py
        fr = list(msg["frags"])
        if py.random() < 0.3:
            fr = fr[:1]
        tags = [msg["tag"]] + [t for t in msg["extra"] if py.random() < 0.6]
        text, tags = self.compose([" ".join(fr)], msg["lang"], "trad", tags, [], nfrag=1, emoji_p=0.4)
        return text, msg["lang"], tags, []

    # ================================================================== timing helpers
    def place(self, u, t):
        """Push each time forward until its account is plausibly awake/working (hour-of-day acceptance)."""
        t = np.asarray(t, dtype=np.int64).copy()
        if t.size == 0:
            return t
        idx = np.arange(t.size)
        for _ in range(60):
            h = (t[idx] // HOUR) % 24
            acc = self.rng.random(idx.size) < self.pmax[u[idx], h]
            idx = idx[~acc]
            if idx.size == 0:
                break
            t[idx] = (t[idx] // HOUR + 1) * HOUR + self.rng.integers(0, HOUR, idx.size)
        return t

    def next_wave(self, g, t):
        tz = g["tz"] * HOUR
        loc = int(t) + tz
        day, sec = divmod(loc, DAY)
        for _ in range(10):
            if not (g["wave_wkday"] and (day + 3) % 7 >= 5):
                for h in g["waves"]:
                    ws = h * HOUR + g["wave_min"] * 60
                    if ws >= sec:
                        return day * DAY + ws - tz
            day += 1
            sec = 0
        return int(t) + DAY

    def op_mult(self, tm, t):
        if self.quiet is not None and not tm["quiet_exempt"] and self.quiet[0] <= t < self.quiet[1]:
            return self.quiet[2]
        return 1.0

    def quiet_amp(self, t):
        if self.quiet is not None and self.quiet[0] <= t < self.quiet[1]:
            return self.quiet[2] + 0.1
        return 1.0

    def snow_vec(self, t):
        ms = t.astype(np.int64) * 1000 + self.rng.integers(0, 1000, t.size)
        return ((ms - EPOCH_MS) << 22) | self.rng.integers(0, 1 << 22, t.size)

    def snow_one(self, t):
        ms = int(t) * 1000 + self.py.randrange(1000)
        return ((ms - EPOCH_MS) << 22) | self.py.getrandbits(22)

    # ================================================================== one day's original posts
    def day_posts(self, d, ds):
        rng, py = self.rng, self.py
        posts = []
        weekend = ((ds // DAY) + 3) % 7 >= 5
        r = self.rate * rng.gamma(self.burst, 1.0 / self.burst)
        if weekend:
            r = r * self.wk
        if d in self.event_days:
            r[self.pol] *= self.event_mult
        for tm in self.teams:
            r[tm["members_arr"]] *= self.op_mult(tm, ds + 12 * HOUR)
        r[self.is_amp] *= self.quiet_amp(ds + 12 * HOUR)
        if self.mob:
            mob = np.array(self.mob)
            r[mob] = (self.mob_rate * rng.gamma(1.5, 1 / 1.5, len(mob))) if d in self.mob_days else 0.0
        r[self.special_sched] = 0.0
        r[(self.afrom >= ds + DAY) | (self.ato <= ds)] = 0.0
        idx = np.nonzero(r > 0)[0]
        n = rng.poisson(r[idx])
        uu = np.repeat(idx, n)
        if uu.size:
            h = (self.pcdf[uu] < rng.random(uu.size)[:, None]).sum(axis=1)
            t = ds + h * HOUR + rng.integers(0, HOUR, uu.size)
            ok = (t >= self.afrom[uu]) & (t < self.ato[uu])
            posts.extend(zip(t[ok].tolist(), uu[ok].tolist(), ["n"] * int(ok.sum()), [None] * int(ok.sum())))
        # coordinated operator "tasks": one message, paraphrased by part of a team within minutes
        for tm in self.teams:
            lam = tm["tasks"] * (tm["wkend"] if weekend else 1.0) * self.op_mult(tm, ds + 12 * HOUR)
            if d in self.event_days:
                lam *= 1.5
            for _ in range(int(rng.poisson(lam))):
                hcdf = np.cumsum(tm["prof"]) / tm["prof"].sum()
                T = ds + int(np.searchsorted(hcdf, py.random())) * HOUR + py.randrange(HOUR)
                if T < tm["start"]:
                    continue
                msg = self.task_message(tm)
                for op in tm["members"]:
                    if self.afrom[op] <= T < self.ato[op] and py.random() < tm["task_part"] * min(1.5, self.opfac[op] ** 0.5):
                        posts.append((int(T + rng.lognormal(math.log(tm["task_delay"]), 0.7)), op, "t", msg))
        # activist "twitter storms" at an announced local time
        for grp in self.act_groups:
            pr = grp["storms"] / 7.0 * (1.5 if weekend else 1.0) * (2.0 if d in self.event_days else 1.0)
            if py.random() < pr:
                T = ds + ((grp["hour"] - grp["tz"]) % 24) * HOUR + py.randrange(0, 600)
                en = grp["region"] != "HK" or py.random() < 0.3
                msg = dict(frags=[self.fill(py.choice(HK_PROTEST_EN if en else HK_PROTEST_ZH)) for _ in range(2)],
                           lang="en" if en else "zh", tag=grp["tag"], extra=py.sample(TAGS["hk_protest"], 2))
                for m in grp["members"]:
                    if self.afrom[m] <= T and py.random() < grp["part"]:
                        posts.append((int(T + rng.exponential(480)), m, "s", msg))
        # idols post in short sessions (several posts within minutes)
        for fd in self.fandoms:
            i = fd["idol"]
            for _ in range(int(rng.poisson(self.rate[i]))):
                T = ds + int((self.pcdf[i] < py.random()).sum()) * HOUR + py.randrange(HOUR)
                for j in range(1 + int(rng.geometric(0.55)) - 1 + (1 if py.random() < 0.5 else 0)):
                    posts.append((T + j * py.randrange(30, 600), i, "n", None))
        # automated headline bots: every N minutes, 24/7
        for b in self.headbots:
            iv = self.A["interval"][b]
            ph = py.uniform(0, iv)
            for x in np.arange(ds + ph, ds + DAY, iv):
                posts.append((max(ds, int(x) + py.randrange(-50, 50)), b, "n", None))
        return posts

    # ================================================================== one tweet
    def recent_before(self, a, t):
        dq = self.recent.get(a)
        if not dq:
            return None
        for tt, tid in reversed(dq):
            if tt <= t - 60:
                return tt, tid
        return None

    def pick_target(self, u, t):
        py = self.py
        k = self.kname[u]
        cands = []
        if k.startswith("core"):
            tm = self.teams[self.team[u]]
            r = py.random()
            if r < tm["reply_mate"]:
                cands = py.sample(tm["members"], min(6, len(tm["members"])))
            elif r < tm["reply_mate"] + 0.5 * (1 - tm["reply_mate"]):
                cands = [py.choice(self.attack_pool) for _ in range(6)]
        if not cands:
            a, b = self.fee_ptr[u], self.fee_ptr[u + 1]
            if b > a:
                cands = [int(self.fee_idx[py.randrange(a, b)]) for _ in range(6)]
        for c in cands:
            if c == u:
                continue
            got = self.recent_before(c, t)
            if got:
                return c, got[1]
        return None

    def make_tweet(self, t, u, mode, extra):
        py = self.py
        reply_tid = reply_uid = quote_tid = ""
        mentions = []
        target = None
        kind = self.kname[u]
        if mode == "t":
            text, lang, tags, urls = self.task_variant(u, extra)
            stance, ontopic = -1, True
        elif mode == "s":
            text, lang, tags, urls = self.storm_variant(u, extra)
            stance, ontopic = 1, True
        else:
            r = py.random()
            is_reply = r < self.reply[u]
            is_quote = (not is_reply) and r < self.reply[u] + self.quote[u]
            if is_reply or is_quote:
                target = self.pick_target(u, t)
            text, lang, tags, urls, stance, ontopic = self.content(u, t)
            if target is not None:
                ta, ttid = target
                if is_reply:
                    text = "@" + self.handle[ta] + " " + text
                    reply_tid, reply_uid = str(ttid), self.uid[ta]
                    mentions.append(self.uid[ta])
                else:
                    urls = urls + [f"https://twitter.com/{self.handle[ta]}/status/{ttid}"]
                    text += " " + self.tco()
                    quote_tid = str(ttid)
            elif kind in ("reg", "act", "probj", "fan") and py.random() < 0.04:
                a, b = self.fee_ptr[u], self.fee_ptr[u + 1]
                if b > a:
                    m = int(self.fee_idx[py.randrange(a, b)])
                    text = "@" + self.handle[m] + " " + text
                    mentions.append(self.uid[m])
        tid = self.snow_one(t)
        dq = self.recent.get(u)
        if dq is None:
            dq = self.recent[u] = deque(maxlen=4)
        dq.append((t, tid))
        if py.random() < 0.03 and lang != "und":
            lang = "und"
        c = self.cl2[u] if py.random() < self.clp[u] else self.cl1[u]
        poll = ""
        if kind == "reg" and py.random() < 0.002:
            poll = py.choice(["Yes|No", "支持|反對|無意見", "Coffee|Tea", "A|B|C"])
        rec = [t, tid, u, text, lang, CLIENTS[c], reply_tid, reply_uid, quote_tid, "False", "", "", 0, 0, 0, 0,
               repr(tags), repr(urls), repr(mentions), poll]
        sg = self.vsig[u]
        v = float(self.rng.lognormal(-0.5 * sg * sg, sg))
        if py.random() < self.breaking[u]:
            v *= py.uniform(100, 400) if self.hub[u] else py.uniform(20, 100)
        if self.pol[u] and self.cur_day in self.event_days:
            v *= 1.5
        if reply_tid:
            v *= 0.25
        elif quote_tid:
            v *= 0.7
        rt_text = "RT @" + self.handle[u] + ": " + text
        rtinfo = (rt_text, lang, self.uid[u], str(tid), rec[16], rec[17], repr([self.uid[u]] + mentions))
        return rec, v, stance, ontopic, tags, rtinfo

    # ================================================================== who retweets what
    def gather_followers(self, authors):
        cnt = self.indeg[authors]
        tot = int(cnt.sum())
        if tot == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        seg = np.repeat(np.arange(len(authors)), cnt)
        off = np.arange(tot) - np.repeat(np.cumsum(cnt) - cnt, cnt)
        f = self.fol_idx[np.repeat(self.fol_ptr[authors], cnt) + off]
        return seg, f

    def stance_factor(self, s_tweet, s_f):
        prod = s_tweet * s_f
        return np.where(prod < 0, 0.03, np.where(prod > 0, 1.6, np.where(s_tweet != 0, 0.35, 1.0)))

    def swarm_boost(self, j, op, t0, g, ontopic, out):
        py, rng = self.py, self.rng
        if t0 + DAY < g["start"]:
            return
        if py.random() > g["engage"] * (1.0 if ontopic else g["offt"]):
            return
        cand = g["assign"].get(int(op))
        if cand is None:
            return
        p = np.minimum(0.95, self.part[cand] * self.dayfac[cand])
        sel = cand[rng.random(cand.size) < p]
        n = sel.size
        if n == 0:
            return
        mode = g["mode"]
        if mode == "fast":
            t = t0 + 60 + rng.exponential(g["fast_mean"], n)
        elif mode == "manual":
            t = self.place(sel, t0 + np.maximum(60, rng.lognormal(math.log(g["med"]), g["sig"], n)))
        elif mode == "waves":
            t = self.next_wave(g, t0 + 60) + rng.exponential(g["jit"], n)
        else:
            t = self.place(sel, t0 + rng.uniform(600, g["drip_max"], n))
        out.append((np.full(n, j, dtype=np.int64), sel, np.asarray(t, dtype=np.int64)))

    def spread(self, A_, T_, V_, S_, ON_, TAGS_, recs, rtinfo):
        rng, py = self.rng, self.py
        n = len(A_)
        out = []
        if n == 0:
            return
        # ---- first hop: followers see the tweet
        j, f = self.gather_followers(A_)
        if f.size:
            a = A_[j]
            p = self.rtb[f] * V_[j] * self.engage[a]
            same = self.comm[f] == self.comm[a]
            p *= np.where(same | self.hub[a], 1.0, 0.3)
            p *= self.stance_factor(S_[j], self.stance[f])
            loy = self.loyal[f] * self.loyal_src[a]
            p = np.where(same, np.maximum(p, loy), p)
            hit = rng.random(f.size) < np.minimum(-np.expm1(-p), 0.97)
            j, f, a, same = j[hit], f[hit], a[hit], same[hit]
            lat = self.lat[f] * np.where(self.hub[a], self.speed[a], 1.0)
            lat = np.where(same & (self.loyal_src[a] > 0), lat * 0.3, lat)
            d = rng.lognormal(np.log(np.maximum(lat, 60)), self.lsig[f])
            fast = same & (self.loyal_src[a] >= 0.2) & self.notif[f]
            d = np.where(fast, rng.lognormal(np.log(self.fanlat[f]), 0.45), d)
            d = np.clip(d, 60, 9 * DAY)
            t1 = self.place(f, T_[j] + d)
            online = (V_[j] > 50) & self.hub[a] & (rng.random(j.size) < 0.55)   # breaking news: the online crowd
            if online.any():
                t1[online] = T_[j][online] + np.clip(rng.lognormal(math.log(150), 0.7, int(online.sum())), 60, 3600).astype(np.int64)
            out.append((j, f, t1))
            # ---- second hop: followers of some retweeters
            if j.size:
                cnt = np.bincount(j, minlength=n)
                keep = rng.random(j.size) < np.minimum(1.0, 25.0 / np.maximum(cnt[j], 1)) * 0.9
                sj, su, st = j[keep], f[keep], t1[keep]
                seg, g2 = self.gather_followers(su)
                if g2.size:
                    jj = sj[seg]
                    p2 = self.rtb[g2] * V_[jj] * 0.2 * np.where(self.comm[g2] == self.comm[su[seg]], 1.0, 0.3)
                    p2 *= self.stance_factor(S_[jj], self.stance[g2])
                    h2 = rng.random(g2.size) < np.minimum(-np.expm1(-p2), 0.9)
                    g2, jj, base = g2[h2], jj[h2], st[seg][h2]
                    d2 = np.clip(rng.lognormal(np.log(np.maximum(self.lat[g2], 60)), self.lsig[g2]), 60, 9 * DAY)
                    out.append((jj, g2, self.place(g2, base + d2)))
                # operators retweeting organic content may trigger their swarm too
                cm = self.is_core[f] & ~self.is_core[a] & ~self.is_amp[a]
                for x in np.nonzero(cm)[0]:
                    op = int(f[x])
                    tm = self.teams[self.team[op]]
                    if py.random() < tm["amp_rts"]:
                        for gi in self.team_groups[tm["id"]]:
                            self.swarm_boost(int(j[x]), op, int(t1[x]), self.groups[gi], True, out)
        # ---- per-tweet mechanisms
        for x in range(n):
            a = int(A_[x])
            t0 = int(T_[x])
            if self.is_core[a]:
                tm = self.teams[self.team[a]]
                on = bool(ON_[x])
                mates = tm["members_arr"]
                pm = tm["mate_rt"] * self.opfac[mates] * (1.0 if on else 0.3)
                sel = mates[rng.random(mates.size) < pm]
                if sel.size:
                    dd = np.maximum(60, rng.lognormal(math.log(tm["mate_med"]), 0.9, sel.size))
                    out.append((np.full(sel.size, x), sel, self.place(sel, t0 + dd)))
                if tm["cross_rt"] > 0 and len(self.teams) > 1:
                    for tm2 in self.teams:
                        if tm2 is tm:
                            continue
                        o = tm2["members_arr"]
                        sel = o[rng.random(o.size) < tm["cross_rt"] * (1.0 if on else 0.2)]
                        if sel.size:
                            dd = np.maximum(60, rng.lognormal(math.log(tm2["mate_med"]), 1.0, sel.size))
                            out.append((np.full(sel.size, x), sel, self.place(sel, t0 + dd)))
                for gi in self.team_groups[tm["id"]]:
                    self.swarm_boost(x, a, t0, self.groups[gi], on, out)
                if on:
                    kk = int(rng.poisson(self.trend_rate * V_[x] * tm["visibility"]))
                    if kk:
                        sel = self.trend_pool[np.minimum(np.searchsorted(self.trend_cum, rng.random(kk) * self.trend_cum[-1]),
                                                         self.trend_pool.size - 1)]
                        dd = np.clip(rng.lognormal(math.log(3 * HOUR), 1.2, kk), 120, 5 * DAY)
                        out.append((np.full(kk, x), sel, self.place(sel, t0 + dd)))
            elif self.is_amp[a] and self.leader[a]:
                g = self.groups[self.sub[a]]
                M = g["members_arr"]
                wgt = self.part[M] * self.dayfac[M]
                pm = np.minimum(0.9, g["peer_rt"] * wgt / max(wgt.sum(), 1e-9))
                sel = M[rng.random(M.size) < pm]
                if sel.size:
                    if g["mode"] == "fast":
                        tt = t0 + 60 + rng.exponential(g["fast_mean"], sel.size)
                    elif g["mode"] == "waves":
                        tt = self.next_wave(g, t0 + 60) + rng.exponential(g["jit"], sel.size)
                    else:
                        tt = self.place(sel, t0 + np.maximum(60, rng.lognormal(math.log(g["med"]), g["sig"], sel.size)))
                    out.append((np.full(sel.size, x), sel, np.asarray(tt, dtype=np.int64)))
            tg = TAGS_[x]
            if tg:
                tgs = set(tg)
                for b, cfg in self.rtbot_cfg.items():
                    if b != a and cfg["tags"] & tgs and py.random() < cfg["p"]:
                        dk = t0 // DAY
                        c = cfg["count"].get(dk, 0)
                        if c < cfg["cap"]:
                            cfg["count"][dk] = c + 1
                            out.append((np.array([x]), np.array([b]), np.array([t0 + 60 + int(rng.exponential(40))])))
        # ---- combine, de-duplicate (one retweet per account per tweet: the earliest), drop impossible ones
        J = np.concatenate([o[0] for o in out]).astype(np.int64)
        Uu = np.concatenate([o[1] for o in out]).astype(np.int64)
        Tt = np.concatenate([np.asarray(o[2], dtype=np.int64) for o in out])
        if J.size == 0:
            self.set_counts(recs, np.zeros(n, dtype=np.int64), A_, V_)
            return
        ok = ((Uu != A_[J]) & (Tt < self.end) & (Tt >= self.afrom[Uu]) & (Tt < self.ato[Uu]) & ~self.ext[Uu]
              & (Tt >= T_[J] + 60))
        J, Uu, Tt = J[ok], Uu[ok], Tt[ok]
        o = np.lexsort((Tt, Uu, J))
        J, Uu, Tt = J[o], Uu[o], Tt[o]
        first = np.ones(J.size, dtype=bool)
        first[1:] = (J[1:] != J[:-1]) | (Uu[1:] != Uu[:-1])
        J, Uu, Tt = J[first], Uu[first], Tt[first]
        self.set_counts(recs, np.bincount(J, minlength=n), A_, V_)
        tids = self.snow_vec(Tt)
        cl = np.where(rng.random(Uu.size) < self.clp[Uu], self.cl2[Uu], self.cl1[Uu])
        dayi = (Tt - self.start) // DAY + WARMUP
        np.add.at(self.ntw, Uu, 1)
        np.minimum.at(self.first_t, Uu, Tt)
        np.maximum.at(self.last_t, Uu, Tt)
        buckets = self.buckets
        for jx, ux, tx, tidx, cx, dx in zip(J.tolist(), Uu.tolist(), Tt.tolist(), tids.tolist(), cl.tolist(), dayi.tolist()):
            ri = rtinfo[jx]
            buckets[dx].append((tx, tidx, ux, ri[0], ri[1], CLIENTS[cx], "", "", "", "True", ri[2], ri[3], 0, 0, 0, 0,
                                ri[4], ri[5], ri[6], ""))

    def set_counts(self, recs, insample, A_, V_):
        rng = self.rng
        for x, rec in enumerate(recs):
            if rec is None:
                continue
            a = int(A_[x])
            ins = int(insample[x])
            k = self.kname[a]
            mult = self.count_mult[a]
            rt = ins + int(rng.poisson(ins * mult + V_[x] * self.fc_num[a] * 2e-4))
            lk = int(rt * rng.lognormal(math.log(2.5), 0.6) + rng.poisson(V_[x] * math.sqrt(self.fc_num[a] + 1) * 0.05))
            rp = int(rng.poisson(0.08 * rt + 0.2 * V_[x]))
            qt = int(rng.poisson(0.03 * rt))
            rec[12], rec[13], rec[14], rec[15] = qt, rp, lk, rt

    # ================================================================== main loop
    def simulate(self, out_dir):
        rng = self.rng
        N = self.N
        self.kname = self.A["kind"]
        self.fandom_name = {fd["comm"]: fd["name"] for fd in self.fandoms}
        doms = NEWS_DOMAINS_HK + NEWS_DOMAINS_INTL
        self.news_domain = {u: doms[x % len(doms)] for x, u in enumerate(self.news)}
        self.special_sched = np.zeros(N, dtype=bool)
        for i in [fd["idol"] for fd in self.fandoms] + self.headbots + self.rtbots:
            self.special_sched[i] = True
        self.attack_pool = ([i for g in self.act_groups for i in g["members"]] + self.news + self.ext_demo +
                            [i for i in range(N) if self.kname[i] == "reg" and self.A["topic"][i] == "hk_protest"][:500])
        tp = np.array([i for i in range(N) if self.kname[i] in ("reg", "probj", "mob") and self.stance[i] <= 0 and
                       self.A["region"][i] in ("HK", "TW", "USW", "AU", "UK", "CA", "SG", "MY")], dtype=np.int64)
        w = (self.rtb[tp] + 0.002) * np.where(self.stance[tp] < 0, 6.0, 1.0)
        self.trend_pool, self.trend_cum = tp, np.cumsum(w)
        self.trend_rate = self.U(0.05, 0.5)
        self.fc_num = np.array([float(self.ucols[i][6]) for i in range(N)])
        self.breaking = np.where(self.kind == KINDS.index("news"), 0.003,
                                 np.where(np.isin(self.kind, [KINDS.index(x) for x in ("celeb", "ext_demo", "ext_glob", "ext_state")]),
                                          0.006, 0.0005))
        self.breaking[self.is_core | self.is_amp] = 0.0005
        self.count_mult = np.where(self.hub, self.rng.uniform(3, 30, N), self.rng.uniform(0.2, 2.0, N))
        self.count_mult[self.is_core | self.is_amp] = 0.1
        self.ntw = np.zeros(N, dtype=np.int64)
        self.first_t = np.full(N, np.iinfo(np.int64).max, dtype=np.int64)
        self.last_t = np.zeros(N, dtype=np.int64)
        self.buckets = [[] for _ in range(self.days + WARMUP + 12)]
        self.recent = {}
        amp_idx = np.nonzero(self.is_amp)[0]
        f = open(os.path.join(out_dir, "tweets.csv"), "w", newline="", encoding="utf-8")
        w = csv.writer(f)
        w.writerow(TWEET_COLUMNS)
        self.n_tweets = 0
        self.n_rt = 0
        for d in range(-WARMUP, self.days):
            self.cur_day = d
            ds = self.start + d * DAY
            on = rng.random(amp_idx.size) < self.grp_onday[amp_idx]
            self.dayfac[amp_idx] = on * rng.gamma(2.0, 0.5, amp_idx.size) / np.maximum(self.grp_onday[amp_idx], 0.05)
            posts = self.day_posts(d, ds)
            posts.sort(key=lambda p: p[0])
            A_, T_, V_, S_, ON_, TG_, recs, rti = [], [], [], [], [], [], [], []
            for (t, u, mode, extra) in posts:
                if t >= self.end:
                    continue
                rec, v, stance, ontopic, tags, rtinfo = self.make_tweet(t, u, mode, extra)
                A_.append(u); T_.append(t); V_.append(v); S_.append(stance); ON_.append(ontopic); TG_.append(tags)
                rti.append(rtinfo)
                if self.ext[u]:
                    recs.append(None)
                else:
                    recs.append(rec)
                    self.buckets[(t - self.start) // DAY + WARMUP].append(rec)
                    self.ntw[u] += 1
                    self.first_t[u] = min(self.first_t[u], t)
                    self.last_t[u] = max(self.last_t[u], t)
            self.spread(np.array(A_, dtype=np.int64), np.array(T_, dtype=np.int64), np.array(V_), np.array(S_, dtype=np.int64),
                        np.array(ON_, dtype=bool), TG_, recs, rti)
            self.flush(d, w)
        f.close()

    def flush(self, d, w):
        rows = self.buckets[d + WARMUP]
        self.buckets[d + WARMUP] = None
        if d < 0:                       # warm-up days: simulated so that the window opens mid-stream, never written
            return
        rows.sort(key=lambda r: r[1])
        ds = self.start + d * DAY
        dstr = ymd(ds)
        fc = (lambda x: f"{x}.0") if self.float_counts else str
        out = []
        for r in rows:
            sec = r[0] - ds
            uc = self.ucols[r[2]]
            out.append([str(r[1])] + uc + [r[4], r[3], f"{dstr} {sec // 3600:02d}:{(sec % 3600) // 60:02d}", r[5], r[6], r[7],
                                          r[8], r[9], r[10], r[11], "absent", "absent", fc(r[12]), fc(r[13]), fc(r[14]),
                                          fc(r[15]), r[16], r[17], r[18], r[19]])
            if r[9] == "True":
                self.n_rt += 1
        self.n_tweets += len(out)
        w.writerows(out)

    # ================================================================== infrastructure
    def build_ip_space(self):
        self.nets = []
        for net, asn, org, cc, vpn, cat in IP_RANGES:
            self.nets.append((ipaddress.ip_network(net), asn, org, cc, vpn, cat))
        for x in range(len(self.nets)):
            for y in range(x + 1, len(self.nets)):
                assert not self.nets[x][0].overlaps(self.nets[y][0]), (self.nets[x][0], self.nets[y][0])
        self.cat_ranges = {}
        for x, n in enumerate(self.nets):
            self.cat_ranges.setdefault(n[5], []).append(x)
        self.used_ips = set()
        py = self.py
        self.vpn_exits = {r: [self.rand_ip_in(r) for _ in range(py.randrange(10, 40))] for r in self.cat_ranges["vpn"]}
        self.vpn_prov_w = {r: py.uniform(0.2, 3.0) for r in self.vpn_exits}
        self.campus_ips = [self.rand_ip("univ") for _ in range(py.randrange(2, 5))]
        self.corp_ips = [self.rand_ip("corp") for _ in range(py.randrange(1, 3))]
        self.mob_pools = {}
        self.saas = {}

    def rand_ip_in(self, r):
        net = self.nets[r][0]
        base, size = int(net.network_address), net.num_addresses
        while True:
            x = base + self.py.randrange(1, size - 1)
            if x not in self.used_ips:
                self.used_ips.add(x)
                return str(ipaddress.IPv4Address(x))

    def rand_ip(self, cat):
        rs = self.cat_ranges.get(cat)
        if not rs:
            cc = cat.split("_", 1)[-1]
            rs = self.cat_ranges.get("res_" + cc) or self.cat_ranges["res_US"]
        return self.rand_ip_in(self.py.choice(rs))

    def mob_ip(self, cc):
        pool = self.mob_pools.get(cc)
        if pool is None:
            n_cc = int(self.cc_count.get(cc, 10))
            pool = self.mob_pools[cc] = [self.rand_ip("mob_" + cc) for _ in range(max(12, int(n_cc * 0.04)))]
        x = min(len(pool) - 1, int(len(pool) * self.py.random() ** 1.6))   # carrier-grade NAT: skewed sharing
        return pool[x]

    def vpn_ip(self, provider=None):
        py = self.py
        if provider is None:
            provider = self.wchoice(list(self.vpn_prov_w.items()))
        return py.choice(self.vpn_exits[provider])

    def ip_plan(self, i):
        py = self.py
        k = self.kname[i]
        cc = REGIONS[self.A["region"][i]][1]
        E = []
        if k in ("reg", "act", "probj", "fan", "fanbase", "celeb", "idol"):
            topic = self.A["topic"][i]
            vp = {"act": 0.4, "probj": 0.35}.get(k, 0.25 if topic == "hk_protest" else 0.3 if topic == "cn_dia" else 0.04)
            vpn_only = k == "act" and py.random() < 0.25
            if not vpn_only:
                fam = self.home_by_comm.setdefault(self.comm[i], [])
                if fam and py.random() < 0.03:
                    E.append((py.choice(fam), 0.6, "home"))
                elif py.random() < 0.3:
                    E.append((self.rand_ip("res_" + cc), 0.3, "home1"))
                    E.append((self.rand_ip("res_" + cc), 0.3, "home2"))
                else:
                    ip = self.rand_ip("res_" + cc)
                    fam.append(ip)
                    E.append((ip, 0.6, "home"))
            if py.random() < 0.65:
                for _ in range(py.choice([1, 1, 2, 3, 4])):
                    E.append((self.mob_ip(cc), 0.3 / 2, "mobile"))
            if py.random() < vp or vpn_only:
                prov = self.wchoice(list(self.vpn_prov_w.items()))
                for _ in range(py.choice([1, 1, 2, 3])):
                    E.append((self.vpn_ip(prov), py.uniform(0.2, 0.8), "vpn"))
            nat = self.nat[i]
            if nat == 0:
                for ip in py.sample(self.campus_ips, py.randrange(1, len(self.campus_ips) + 1)):
                    E.append((ip, 0.5, "nat"))
            elif nat == 1:
                for ip in self.corp_ips:
                    E.append((ip, 0.4, "nat"))
            if py.random() < 0.05:
                c2 = py.choice(["JP", "TW", "GB", "US", "SG", "KR", "AU"])
                E.append((self.rand_ip("res_" + c2) if py.random() < 0.5 else self.mob_ip(c2), 0.05, "travel"))
            if py.random() < (0.03 if (topic == "cn_dia" or k == "probj") else 0.002):
                E.append((self.rand_ip(py.choice(["cn_tel", "cn_uni", "cn_mob"])), 0.05, "travel"))
            if py.random() < (0.05 if topic == "tech" else 0.01):
                E.append((self.rand_ip("host"), 0.2, "vps"))
        elif k == "mob":
            prov = self.wchoice(list(self.vpn_prov_w.items()))
            for _ in range(py.choice([1, 2, 3])):
                E.append((self.vpn_ip(prov), 0.8, "vpn"))
            if py.random() < 0.15:
                E.append((self.rand_ip(py.choice(["cn_tel", "cn_uni", "cn_mob"])), 0.05, "leak"))
        elif k == "news":
            tool = int(self.cl1[i])
            if tool not in self.saas:
                self.saas[tool] = [self.rand_ip("host") for _ in range(py.randrange(1, 4))]
            E.append((py.choice(self.saas[tool]), 0.7, "pool"))
            E.append((self.rand_ip("res_" + cc), 0.3, "home"))
            E.append((self.mob_ip(cc), 0.1, "mobile"))
        elif k in ("headbot", "rtbot"):
            own = self.bot_owner[i]
            if own not in self.bot_ips:
                self.bot_ips[own] = [self.rand_ip("host") for _ in range(py.randrange(1, 3))]
            for ip in self.bot_ips[own]:
                E.append((ip, 1.0, "pool"))
        elif k.startswith("core"):
            tm = self.teams[self.team[i]]
            if "vpn_pool" not in tm:
                provs = py.sample(list(self.vpn_exits), py.choice([1, 1, 2]))
                tm["vpn_pool"] = [self.vpn_ip(p) for p in provs for _ in range(py.randrange(1, 4))]
                tm["vpn_provs"] = provs
                tm["office"] = [self.rand_ip(py.choice(["cn_tel", "cn_uni"])) for _ in range(py.randrange(1, 4))]
            pol = tm["ip"] if tm["ip"] != "mixed" else py.choice(["shared_vpn", "dedicated_vps", "mainland", "resi_proxy"])
            if pol == "shared_vpn":
                for ip in dict.fromkeys(py.choice(tm["vpn_pool"]) if py.random() < 0.7 else self.vpn_ip(tm["vpn_provs"][0])
                              for _ in range(py.choice([1, 2, 3]))):
                    E.append((ip, 1.0, "pool"))
                if py.random() < tm["leak"]:
                    E.append((py.choice(tm["office"]), py.uniform(0.02, 0.1), "leak"))
            elif pol == "dedicated_vps":
                for _ in range(py.choice([1, 1, 2])):
                    E.append((self.rand_ip("host"), 1.0, "pool"))
                if py.random() < tm["leak"] * 0.5:
                    E.append((self.rand_ip("cn_tel"), 0.03, "leak"))
            elif pol == "mainland":
                for ip in dict.fromkeys(py.choice(tm["office"]) for _ in range(py.choice([1, 2]))):
                    E.append((ip, 0.7, "pool"))
                if py.random() < 0.5:
                    E.append((self.rand_ip("cn_mob"), 0.2, "mobile"))
                if py.random() < 0.5:
                    E.append((self.vpn_ip(), 0.1, "vpn"))
            else:
                for _ in range(py.choice([1, 2, 3])):
                    E.append((self.rand_ip("res_HK"), 1.0, "home"))
                if py.random() < tm["leak"] * 0.5:
                    E.append((py.choice(tm["office"]), 0.03, "leak"))
        elif k == "amp":
            g = self.groups[self.sub[i]]
            pol = g["ip"] if g["ip"] != "mixed" else py.choice(["hosting_pool", "vpn_pool", "cn_mobile", "resi_proxy"])
            if "pools" not in g:
                npool = max(1, int(math.ceil(len(g["members"]) / g["per_ip"])))
                allx = [ip for v in self.vpn_exits.values() for ip in v]
                g["pools"] = dict(hosting_pool=[self.rand_ip("host") for _ in range(npool)],
                                  vpn_pool=py.sample(allx, min(len(allx), npool)),
                                  cn_mobile=[self.rand_ip("cn_mob") for _ in range(npool)])
            if pol == "resi_proxy":
                for _ in range(py.choice([1, 2, 3])):
                    E.append((self.rand_ip("res_" + py.choice(["ID", "VN", "BR", "US", "HK", "MY", "TW"])), 1.0, "proxy"))
            else:
                for ip in dict.fromkeys(py.choice(g["pools"][pol]) for _ in range(py.choice([1, 1, 2]))):
                    E.append((ip, 1.0, "pool"))
        return E

    def write_ips(self, out_dir):
        py, rng = self.py, self.rng
        self.home_by_comm = {}
        self.bot_ips = {}
        self.cc_count = {}
        for i in range(self.N):
            cc = REGIONS[self.A["region"][i]][1]
            self.cc_count[cc] = self.cc_count.get(cc, 0) + 1
        rows = []
        for i in range(self.N):
            if self.ext[i]:
                continue
            E = self.ip_plan(i)
            if not E:
                continue
            s = int(max(self.afrom[i], self.start))
            e = int(min(self.ato[i], self.end))
            if e <= s:
                e = s + HOUR
            span = e - s
            k = self.kname[i]
            lr = py.uniform(0.1, 1.0) if k == "amp" else py.uniform(1, 3) if k.startswith("core") else py.uniform(0.2, 3)
            total = int(self.ntw[i]) + int(rng.poisson(lr * span / DAY)) + 1
            W = sum(x[1] for x in E)
            mid = s + int(py.uniform(0.3, 0.7) * span)
            merged = {}
            for ip, wt, kind in E:
                c = max(1, int(round(total * wt / W)))
                if kind in ("home", "nat", "pool", "proxy"):
                    a = s + int(py.uniform(0, 0.08) * span)
                    b = e - int(py.uniform(0, 0.08) * span)
                elif kind == "home1":
                    a, b = s + int(py.uniform(0, 0.05) * span), mid
                elif kind == "home2":
                    a, b = mid + 60, e - int(py.uniform(0, 0.05) * span)
                else:
                    a = s + int(py.uniform(0, 0.85) * span)
                    b = a + int(py.uniform(0.01, 1.0) * (e - a))
                b = max(a, b)
                if ip in merged:
                    m = merged[ip]
                    merged[ip] = (min(m[0], a), max(m[1], b), m[2] + c)
                else:
                    merged[ip] = (a, b, c)
            for ip, (a, b, c) in merged.items():
                rows.append((self.uid[i], ip, iso(a), iso(b), str(c)))
        py.shuffle(rows)
        with open(os.path.join(out_dir, "ips.csv"), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["account_id", "ip", "first_seen", "last_seen", "count"])
            w.writerows(rows)
        with open(os.path.join(out_dir, "ip_ranges.csv"), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["network", "asn", "as_org", "country", "is_vpn"])
            for net, asn, org, cc, vpn, cat in self.nets:
                w.writerow([str(net), asn, org, cc, "true" if vpn else "false"])
        self.n_ip_rows = len(rows)

    # ================================================================== the other files
    def write_users(self, out_dir):
        ids = [i for i in range(self.N) if not self.ext[i]]
        self.py.shuffle(ids)
        with open(os.path.join(out_dir, "users.csv"), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(USER_COLUMNS)
            for i in ids:
                w.writerow(self.ucols[i])
        self.n_users = len(ids)

    def write_follows(self, out_dir):
        perm = self.rng.permutation(self.fsrc.size)
        with open(os.path.join(out_dir, "follows.csv"), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["src_account_id", "dst_account_id"])
            uid = self.uid
            w.writerows((uid[s], uid[d]) for s, d in zip(self.fsrc[perm].tolist(), self.fdst[perm].tolist()))
        self.n_follows = int(self.fsrc.size)

    def write_labels(self, out_dir):
        ids = [i for i in range(self.N) if not self.ext[i]]
        self.py.shuffle(ids)
        name = {ORG: "organic", CORE: "core", AMP: "amplifier"}
        with open(os.path.join(out_dir, "labels.csv"), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["account_id", "role"])
            for i in ids:
                w.writerow([self.uid[i], name[int(self.role[i])]])

    def run(self, out_dir):
        t0 = time.time()
        os.makedirs(out_dir, exist_ok=True)
        self.build_population()
        self.finalize()
        self.build_follows()
        self.build_profiles()
        self.build_ip_space()
        t1 = time.time()
        self.write_users(out_dir)
        self.write_follows(out_dir)
        self.simulate(out_dir)
        t2 = time.time()
        self.write_ips(out_dir)
        self.write_labels(out_dir)
        t3 = time.time()
        dbg = os.environ.get("BLINDGEN_DEBUG")                 # optional internal dump, written outside OUT_DIR
        if dbg:
            with open(dbg, "w", newline="", encoding="utf-8") as f:
                w = csv.writer(f)
                w.writerow(["account_id", "kind", "comm", "team", "group", "ntweets"])
                for i in range(self.N):
                    w.writerow([self.uid[i], self.kname[i], int(self.comm[i]), int(self.team[i]), int(self.sub[i]), int(self.ntw[i])])
        log = sys.stderr
        print(f"[blindgen] seed={self.seed} window {ymd(self.start)}..{ymd(self.end - 1)} users={self.n_users} "
              f"follows={self.n_follows} tweets={self.n_tweets} (retweets {self.n_rt}) ips={self.n_ip_rows}", file=log)
        if not self.a.verbose:
            print(f"[blindgen] time: {t3 - t0:.1f}s", file=log)
            return
        print(f"[blindgen] teams={self.info['teams']} swarms={self.info['swarms']} quiet={self.info['quiet']} "
              f"suspension={self.info['susp']} flashmob={len(self.mob)} float_counts={self.float_counts}", file=log)
        print(f"[blindgen] time: population {t1 - t0:.1f}s, tweets {t2 - t1:.1f}s, ips+labels {t3 - t2:.1f}s", file=log)


# ============================================================================ tables used above
ORG, CORE, AMP = 0, 1, 2
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
BIG = 4.0e9
WARMUP = 2
ACC_FIELDS = dict(kind="reg", role=ORG, comm=-1, team=-1, sub=-1, tz=None, stance=0, rate=0.0, rtb=0.0, reply=0.0,
                  quote=0.0, lat=3600.0, lsig=1.5, floor=0.0, wk=1.0, burst=1.0, created=0.0, afrom=0, ato=BIG,
                  region="HK", topic="hk_life", script="trad", loyal=0.0, loyal_src=0.0, engage=1.0, speed=1.0, hub=False,
                  ext=False, notif=False, fanlat=180.0, pol=False, vsig=1.0, pen=0.3, default=False, nat=-1, prof=None,
                  cl=None, interval=0.0, leader=False, bought=False, opfac=1.0, on_frac=0.0)
KINDS = ["reg", "act", "probj", "mob", "fan", "fanbase", "idol", "news", "celeb", "headbot", "rtbot", "ext_state", "ext_demo",
         "ext_glob", "core_np", "core_rep", "core_new", "amp"]
USER_COLUMNS = ["userid", "user_display_name", "user_screen_name", "user_reported_location", "user_profile_description",
                "user_profile_url", "follower_count", "following_count", "account_creation_date", "account_language"]
TWEET_COLUMNS = ["tweetid"] + USER_COLUMNS + [
    "tweet_language", "tweet_text", "tweet_time", "tweet_client_name", "in_reply_to_tweetid", "in_reply_to_userid",
    "quoted_tweet_tweetid", "is_retweet", "retweet_userid", "retweet_tweetid", "latitude", "longitude", "quote_count",
    "reply_count", "like_count", "retweet_count", "hashtags", "urls", "user_mentions", "poll_choices"]

HUMAN_LOCAL = np.array([.5, .3, .15, .08, .05, .06, .15, .35, .55, .6, .6, .65, .8, .7, .6, .6, .65, .7, .75, .85, .95, 1.0,
                        .95, .8])
NEWS_LOCAL = np.array([.35, .25, .2, .2, .25, .4, .7, .9, 1, 1, 1, 1, 1, 1, 1, 1, 1, .95, .9, .9, .85, .8, .7, .5])
_E = 0.01
OFFICE_SHAPES = {
    "office": np.array([_E, _E, _E, _E, _E, _E, _E, .05, .25, 1, 1, 1, .25, .6, 1, 1, 1, 1, .35, .12, .12, .1, .06, .02]),
    "office_long": np.array([_E, _E, _E, _E, _E, _E, .05, .2, .7, 1, 1, .9, .3, .8, 1, 1, 1, .9, .4, .7, .8, .7, .4, .1]),
    "night": np.array([.8, .6, .3, .05, _E, _E, _E, _E, _E, _E, .02, .05, .1, .1, .2, .3, .4, .5, .6, 1, 1, 1, 1, .9]),
    "rotating": np.array([.5, .45, .4, .4, .4, .45, .5, .6, .8, .9, .9, .9, .7, .8, .9, .9, .9, .8, .7, .7, .7, .6, .6, .55]),
}
YEAR_W = [(2007, .3), (2008, 1), (2009, 4), (2010, 6), (2011, 7), (2012, 8), (2013, 7), (2014, 6), (2015, 5.5), (2016, 5.5),
          (2017, 6), (2018, 6.5), (2019, 4)]
SNOW_SWITCH = ts_of(2015, 11, 15)
OLD_ANCHORS = [(ts_of(2006, 3, 21), 12), (ts_of(2007, 1, 1), 600_000), (ts_of(2008, 1, 1), 11_000_000),
               (ts_of(2009, 1, 1), 19_000_000), (ts_of(2010, 1, 1), 100_000_000), (ts_of(2011, 1, 1), 230_000_000),
               (ts_of(2012, 1, 1), 460_000_000), (ts_of(2013, 1, 1), 1_100_000_000), (ts_of(2014, 1, 1), 2_300_000_000),
               (ts_of(2015, 1, 1), 2_960_000_000), (SNOW_SWITCH, 4_290_000_000)]


def snowflake(ts, py):
    ms = int(ts * 1000) + py.randrange(1000)
    return ((ms - EPOCH_MS) << 22) | py.getrandbits(22)


IDOL_NAMES = ["ARCADIA", "NEONSKY", "LUMINA", "KaiYuen", "STARLYN", "ORBIT9", "VELVETA", "Haneul", "MOONRISE", "PRISMA"]
COMM_TYPES = [("hk_protest", "HK", 5), ("hk_life", "HK", 5), ("tw", "TW", 1.5), ("us_pol", "USE", 1.5), ("us_pol", "USW", .7),
              ("tech", "USW", 1.2), ("tech", "UK", .5), ("gaming", "USE", .8), ("sports", "UK", 1), ("sports", "HK", .6),
              ("food", "SG", .8), ("food", "MY", .5), ("anime", "JP", 1.2), ("finance", "HK", .8), ("cn_dia", "USW", .6),
              ("cn_dia", "AU", .5), ("cn_dia", "UK", .4), ("hk_protest", "UK", .6), ("hk_protest", "CA", .4),
              ("hk_protest", "AU", .3), ("music", "USE", .8), ("books", "UK", .5), ("travel", "AU", .5), ("hk_life", "CA", .3),
              ("tech", "DE", .3), ("gaming", "ID", .4)]
STANCE_W = {"hk_protest": [(1, .85), (0, .13), (-1, .02)], "hk_life": [(1, .45), (0, .5), (-1, .05)],
            "tw": [(1, .5), (0, .5)], "cn_dia": [(-1, .35), (0, .55), (1, .1)], "us_pol": [(1, .3), (0, .7)],
            "finance": [(0, .7), (1, .2), (-1, .1)]}
TEAM_CLIENT_MIXES = [
    [("Twitter Web Client", .6), ("Twitter for Android", .3), ("Twitter for iPhone", .1)],
    [("Twitter for Android", .5), ("Twitter for iPhone", .4), ("Twitter Web App", .1)],
    [("Twitter Web App", .7), ("Twitter Web Client", .3)],
    [("Twitter for iPhone", .6), ("Twitter Web App", .3), ("Twitter for iPad", .1)],
    [("TweetDeck", .5), ("Twitter Web Client", .5)],
    [("Twitter for Android", .8), ("Twitter Web Client", .2)],
]
AMP_CLIENT_MIXES = [
    [("Twitter for Android", .7), ("Twitter Web Client", .3)],
    [("Twitter Web Client", .9), ("Twitter for Android", .1)],
    [("Twitter for iPhone", .5), ("Twitter for Android", .5)],
    [("Twitter Web App", .6), ("Twitter for Android", .4)],
    [("Twitter Lite", .5), ("Twitter for Android", .5)],
]
NEWS_NAMES = ["Harbour Post", "Asia Daily Wire", "Global News Now", "HK Live Desk", "Pacific Herald", "World Report 24",
              "East Asia Monitor", "City Times HK", "Breaking Asia", "The Morning Ledger", "Kowloon Standard", "Island Wire"]
NEWSPOSER_NAMES = ["HK Political News", "香港時事快訊", "HK Truth Daily", "香港正義之聲", "Lion Rock Report", "Victoria Harbour News",
                   "HK News Now", "香港新聞速遞", "Pearl Observer", "HK Citizen Voice", "香港每日新聞", "Dawn HK"]
BOT_NAMES = {"headbot": ["HK Headlines Bot", "Asia News Feed", "Headline Relay", "Market Wire Bot", "News Ticker HK",
                         "Weather HK Alerts"],
             "rtbot": ["HK Tag Relay", "Hashtag Mirror", "HongKong RT", "Tag Watcher", "Protest Feed RT"]}
BOT_DESC = {"headbot": ["Automated headlines. Not affiliated with any outlet.", "Bot. Posts headlines every few minutes.",
                        "RSS to Twitter. Automated.", "Unofficial feed bot"],
            "rtbot": ["I retweet hashtags. Bot.", "Automated retweets of #HongKong", "Bot account, retweets tracked tags"]}
EXT_NAMES = {"ext_state": ["CN Global View", "Peoples Focus", "China Voice Daily", "Xinhua Watch", "Asia Truth CN",
                           "Beijing Insight", "Global Times Review"],
             "ext_demo": ["HK Freedom Voice", "Demosisto Watch", "HK Democracy Now", "Free HK Network", "HK Watch Intl",
                          "Joshua W Fans"],
             "ext_glob": ["Senator Office", "Pop Star World", "Football Legend", "Tech CEO", "Film Critic", "Late Show"]}
OLD_LIFE_BIOS = ["Follow me for daily deals!", "Fashion | Beauty | Lifestyle", "Pecinta kopi dan musik", "Amo la música y viajar",
                 "Crypto enthusiast | HODL", "Digital marketing expert", "Love life, love travel", "Gamer. Streamer. Dreamer.",
                 "Fotografia e natureza", "Team Jesus", "Real estate agent", "Fitness | Nutrition | Motivation"]
BIOS = {
    "hk_protest": ["香港人 | 五大訴求 缺一不可", "Hongkonger. #StandWithHongKong", "光復香港 時代革命", "Free Hong Kong 🇭🇰",
                   "記錄香港", "Proud Hongkonger", "香港人加油", "Student | Hong Kong", "Be water.", "Journalist in HK. Views my own.",
                   "HK | Photography | Freedom", "Never forget 612"],
    "probj": ["愛國愛港", "China 🇨🇳 | truth", "中國人 | 熱愛祖國", "守護香港 反對暴力", "Love China, love HK", "支持香港警察",
              "Peace and order", "海外華人 | 愛國", "實事求是"],
    "mob": ["我是護旗手", "中國人", "愛國", "14億護旗手之一"],
    "hk_life": ["香港人 | 熱愛生活", "食好西 | 行山 | 影相", "Coffee & cats. HK.", "Foodie in Hong Kong", "打工仔", "記錄生活",
                "Dog mom 🐶", "Hiking HK trails", "HK | Travel | Food", "Life is good"],
    "tw": ["台灣人", "Taipei based", "台北 | 攝影", "Coffee addict in Taipei"],
    "cn_dia": ["留學生", "海外華人", "Chinese in California", "在澳洲", "北京人在倫敦"],
    "us_pol": ["Resist.", "Dad, veteran, voter", "Policy nerd", "Independent thinker", "Journalist covering DC"],
    "uk": ["Londoner", "Tea enthusiast", "Arsenal till I die", "Views my own"],
    "tech": ["Software engineer. Opinions are my own.", "Building things", "SRE | Rust | Coffee", "Data nerd", "Dev advocate"],
    "sports": ["Football is life", "Season ticket holder", "Sports fan", "Runner"],
    "food": ["Foodie", "Home cook", "Eating my way through Asia", "Chef"],
    "anime": ["アニメ好き", "絵を描きます", "オタク", "声優が好き"],
    "finance": ["Trader", "Not financial advice", "Macro | FX | Rates", "投資者"],
    "gaming": ["Gamer", "Streamer", "Casual gamer", "Speedrunner"],
    "music": ["Music lover", "Guitarist", "Vinyl collector", "Singer-songwriter"],
    "books": ["Reader", "Bookworm", "Librarian", "Writer"],
    "travel": ["Travel blogger", "Wanderlust", "Backpacker", "Travel addict"],
    "generic": ["Just me", "Living life", "Hello world", "", "Coffee lover", "Dreamer"],
}
TASK_PREFIX_ZH = ["", "", "", "轉發：", "大家看看 ", "【轉】", "好文分享 ", "看完很氣憤 ", "真相："]
TASK_PREFIX_EN = ["", "", "", "Must read: ", "Share this: ", "Truth: ", "Watch: "]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--organic", type=int, default=20000)
    ap.add_argument("--core", type=int, default=200)
    ap.add_argument("--amplifiers", type=int, default=4000)
    ap.add_argument("--days", type=int, default=60)
    ap.add_argument("--no-flashmob", action="store_true", help="never include the organic nationalist flash mob")
    ap.add_argument("--verbose", action="store_true", help="print the drawn operation structure to stderr (spoils blindness)")
    a = ap.parse_args(argv)
    if a.days < 7 or a.organic < 1000 or a.core < 8 or a.amplifiers < 40:
        ap.error("minimum sizes: --days 7 --organic 1000 --core 8 --amplifiers 40")
    Gen(a).run(a.out_dir)


if __name__ == "__main__":
    main()
