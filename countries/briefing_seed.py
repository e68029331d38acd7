"""The briefings the product ships with, and the one function that writes them.

Written in our own words for the Asian countries and regions the product is first built
for, each section with the named public sources it rests on. Trainers own the texts once
they are in the database: ``seed_briefings`` only writes a briefing for a country that
has none, so it never overwrites or re-creates a trainer's work.

Two callers make sure a fresh database shows them whatever the order of set-up:
migration ``countries.0007_seed_briefings`` (countries that already exist) and the
Hofstede loader (countries it creates). Both pass an app registry, so the function only
uses the fields that exist at migration 0004; keep it that way.
"""

from collections.abc import Iterable
from datetime import date

from django.utils import timezone

REVIEWED = date(2026, 12, 1)
SEED_REASON = "Briefing as shipped with the product"


def _ita(country: str) -> str:
    return f"U.S. International Trade Administration, {country} Country Commercial Guide"


def _austrade(country: str) -> str:
    return f"Australian Trade and Investment Commission (Austrade), {country} market profile"


def _uk(country: str) -> str:
    return f"UK Department for Business and Trade, Doing business in {country}"


SEA_IP_HELPDESK = "European Commission, South-East Asia IP SME Helpdesk"

# code -> {"summary": str, "sections": {kind: (text, (source, ...))}}
BRIEFINGS: dict[str, dict] = {
    "CHN": {
        "summary": (
            "Mainland China. Personal connections (guanxi), face and rank shape business, "
            "the state is often a party in the background, and the rules on contracts and "
            "intellectual property reward early preparation."
        ),
        "sections": {
            "greeting": (
                "A handshake is the usual greeting, often lighter and held a little longer "
                "than in Europe, with a slight nod; let the senior person on their side offer "
                "it first. Hand over your business card with both hands, the side printed in "
                "simplified Chinese facing them, and read the card you receive before laying "
                "it on the table in front of you. Day-to-day contact has largely moved to "
                "WeChat, so expect to be asked to scan a QR code and connect there. Visitors "
                "are expected to be on time.",
                (_ita("China"), _austrade("China"), _uk("China")),
            ),
            "names": (
                "The family name comes first: in Wang Jianguo, Wang is the family name, so he "
                "is Mr Wang, or better, Director Wang or General Manager Wang, using his title. "
                "Women usually keep their own family name after marriage, so do not assume a "
                "couple shares one. Many people offer an English given name to foreign "
                "partners; use it only once they do, and stay with titles and family names "
                "until then.",
                (_ita("China"), _austrade("China")),
            ),
            "gifts": (
                "A modest gift of good quality, something from your region or bearing your "
                "company's name, is welcome; offer it with both hands, often to the group "
                "through its leader. It may be declined once or twice before it is accepted, "
                "and it is usually opened later. Avoid clocks, umbrellas, sharp objects and "
                "sets of four, which carry associations of death or parting, and wrap in red "
                "or gold rather than white or black. Staff of state bodies and state-owned "
                "firms work under strict anti-corruption rules: keep gifts to them token and "
                "never give cash or gift cards.",
                (_ita("China"), _uk("China")),
            ),
            "meals": (
                "Banquets are part of the negotiation: the host orders, seats the chief guest "
                "in the place of honour (usually facing the door, or at the host's right) and "
                "opens the toasts. Toasts with baijiu, a strong grain spirit, or with wine can "
                "come often; 'ganbei' asks you to empty the glass, and tea or juice is an "
                "accepted substitute if you say at the start that you do not drink. When "
                "glasses touch, hold yours a little lower than a senior person's. Taste each "
                "dish, do not leave chopsticks upright in rice, and host a return dinner "
                "before you leave.",
                (_austrade("China"), _uk("China")),
            ),
            "calendar": (
                "The Spring Festival (Chinese New Year) falls in late January or February, "
                "moving with the lunar calendar; the official break is about eight days, but "
                "offices and factories slow for two to four weeks around it as workers travel "
                "home. National Day starts a week-long 'Golden Week' on 1 October, and the "
                "Labour Day break around 1 May also closes most offices. The State Council "
                "publishes each year's holiday dates late in the year before, often with "
                "weekend working days to bridge them, so check its notice before you fix "
                "visits or deadlines.",
                (
                    "General Office of the State Council of the People's Republic of China, "
                    "annual notice on public holiday arrangements",
                    _ita("China"),
                ),
            ),
            "hierarchy": (
                "Rank is respected: the senior person leads and speaks for the group, and "
                "juniors rarely contradict them in front of outsiders. The real decision is "
                "usually taken after the meeting, and in state-owned enterprises it may need "
                "the Party committee or government approval, which takes time. Match the "
                "seniority of their delegation, do not put anyone on the spot, and read a "
                "reply such as 'we will study it' as 'not yet' rather than as agreement.",
                (_ita("China"), _austrade("China")),
            ),
            "contracts": (
                "A signed contract is often treated as the start of a relationship that can "
                "be adjusted later, so expect requests to renegotiate and keep written "
                "records of every change. Draft in Chinese and English and say which version "
                "prevails; Chinese courts work in Chinese, and arbitration at CIETAC or in "
                "Hong Kong or Singapore is a common choice with foreign parties. Trademarks "
                "are granted to whoever files first, so register yours, including a Chinese "
                "version of the name, with CNIPA before entering the market, and bind "
                "manufacturers with a Chinese-law NNN agreement (non-disclosure, non-use, "
                "non-circumvention).",
                (
                    "European Commission, China IP SME Helpdesk",
                    "China National Intellectual Property Administration (CNIPA)",
                    "China International Economic and Trade Arbitration Commission (CIETAC)",
                ),
            ),
            "language": (
                "Mandarin (Putonghua) is the language of business, written in simplified "
                "characters; Cantonese is widely spoken in Guangdong. English is common in "
                "multinational and export firms, much less so in state bodies and inland "
                "provinces. Bring your own interpreter, brief them on the deal and your terms "
                "beforehand, speak in short passages and look at your counterpart rather than "
                "at the interpreter. Assume that asides in English may be understood.",
                (_austrade("China"), _uk("China")),
            ),
        },
    },
    "HKG": {
        "summary": (
            "A special administrative region of China with its own common-law courts, "
            "currency and customs territory. Business is fast, formal and English-speaking; "
            "relationships and face still count."
        ),
        "sections": {
            "greeting": (
                "A firm handshake and a brief nod are standard; greet the most senior person "
                "first. Business cards are offered and received with both hands and read "
                "before being put away; one side in English and the other in traditional "
                "Chinese is appreciated. Diaries are full and meetings start on time, so "
                "confirm a day or two ahead and keep small talk short.",
                (_ita("Hong Kong"), "Hong Kong Trade Development Council (HKTDC)"),
            ),
            "names": (
                "Chinese names put the family name first, so Chan Tai-man is Mr Chan, but many "
                "professionals use an English given name before the family name, as in Peter "
                "Chan. Use Mr, Ms or a professional title such as Dr with the family name "
                "until you are invited to use a first name. Follow the way a person signs "
                "their emails.",
                (_ita("Hong Kong"), _austrade("Hong Kong")),
            ),
            "gifts": (
                "Gifts are not expected at a first meeting, but a modest, well-wrapped item "
                "from your home country is welcome when offered with both hands. The same "
                "cautions as on the mainland apply: no clocks, no sets of four, no plain "
                "white wrapping. Hong Kong's bribery law, enforced by the Independent "
                "Commission Against Corruption (ICAC), covers private companies as well as "
                "officials, and many firms cap what staff may accept, so keep gifts modest "
                "and open.",
                (
                    "Independent Commission Against Corruption (ICAC), Hong Kong",
                    _ita("Hong Kong"),
                ),
            ),
            "meals": (
                "Business lunches are common, often over dim sum, and dinners can be long "
                "banquets of many courses. The host orders and pays; offer once, expect to be "
                "refused, and return the invitation on a later visit. Pour tea for others "
                "before yourself, and tap two fingers on the table to thank someone who fills "
                "your cup. The banquet toast is a loud 'yam seng', said together, and heavy "
                "drinking matters less than on the mainland.",
                (_austrade("Hong Kong"), "Hong Kong Trade Development Council (HKTDC)"),
            ),
            "calendar": (
                "Lunar New Year brings three public holidays in late January or February, and "
                "business slows around them; Ching Ming, the Tuen Ng (Dragon Boat) Festival, "
                "the day after Mid-Autumn and Chung Yeung also follow the lunar calendar, "
                "alongside Easter and Christmas. The government publishes the general "
                "holidays each year. Offices and courts close at short notice when typhoon "
                "signal No. 8 or a black rainstorm warning is raised, so allow slack in "
                "visits between May and October.",
                (
                    "Hong Kong SAR Government (GovHK), list of general holidays",
                    "Hong Kong Observatory, tropical cyclone and rainstorm warning signals",
                ),
            ),
            "hierarchy": (
                "Companies are hierarchical: in family-run firms the founder or family head "
                "decides, while multinationals and listed firms follow formal approval "
                "steps. Once the right person agrees, decisions can come quickly. Show "
                "respect for seniority in seating and speaking order, and do not contradict "
                "a senior person in front of their team.",
                (_ita("Hong Kong"), "Invest Hong Kong (InvestHK)"),
            ),
            "contracts": (
                "Hong Kong keeps its own common-law system, separate from the mainland's, and "
                "its courts and the Hong Kong International Arbitration Centre (HKIAC) are "
                "widely chosen for regional disputes; Hong Kong awards can be enforced on the "
                "mainland under a mutual arrangement. Contracts are usually in English and "
                "are expected to be kept as written. Intellectual property registered in Hong "
                "Kong does not cover the mainland, or the other way round, so register in "
                "both; Hong Kong registrations go through its Intellectual Property "
                "Department.",
                (
                    "Intellectual Property Department, Hong Kong SAR Government",
                    "Hong Kong International Arbitration Centre (HKIAC)",
                    "European Commission, China IP SME Helpdesk",
                ),
            ),
            "language": (
                "Chinese and English are both official; Cantonese is the everyday spoken "
                "language, and Mandarin is used more and more with mainland partners. Most "
                "business people speak good English, and contracts are normally in English. "
                "Written Chinese here uses traditional characters, not the mainland's "
                "simplified ones, so prepare translations accordingly.",
                (_ita("Hong Kong"), "Hong Kong Trade Development Council (HKTDC)"),
            ),
        },
    },
    "TWN": {
        "summary": (
            "Business in Taiwan is courteous and built on relationships, with many "
            "family-owned manufacturers and technology firms. Mandarin in traditional "
            "characters is the language; English is common in export businesses."
        ),
        "sections": {
            "greeting": (
                "Handshakes are standard, often with a slight nod; let the senior person on "
                "their side lead the introductions. Exchange business cards with both hands, "
                "one side in traditional Chinese, and read the card you receive. Be on time, "
                "and expect a first meeting to be about getting acquainted rather than "
                "settling terms. LINE is the messaging app most people use for business.",
                (_ita("Taiwan"), "Taiwan External Trade Development Council (TAITRA)"),
            ),
            "names": (
                "The family name comes first: in Chen Mei-ling, Chen is the family name. "
                "People are addressed by family name and title, such as Manager Chen or "
                "General Manager Lin, and many use an English first name with foreign "
                "partners. Stay with titles and family names until invited otherwise. Women "
                "usually keep their own family name after marriage.",
                (_ita("Taiwan"), _austrade("Taiwan")),
            ),
            "gifts": (
                "A modest gift from your home region is welcome at a first meeting or a "
                "company visit, given and received with both hands; it may be declined "
                "politely before it is accepted, and is usually opened later. Avoid clocks, "
                "sharp objects, umbrellas and sets of four, and avoid white or black "
                "wrapping. Civil servants work under integrity rules that limit what they may "
                "accept, so check before giving anything to officials.",
                (_ita("Taiwan"), _uk("Taiwan")),
            ),
            "meals": (
                "Dinners matter for building trust, and the host usually orders for the "
                "table and pays. Toasts start with 'ganbei' (dry the glass), and guests are "
                "expected to toast the host and senior people in turn; saying 'suiyi' (as you "
                "like) lets you sip instead. Declining alcohol for health or driving is "
                "accepted. Offer a return dinner before you leave.",
                (_austrade("Taiwan"), "Taiwan External Trade Development Council (TAITRA)"),
            ),
            "calendar": (
                "The Lunar New Year break, in late January or February, lasts about a week "
                "and business slows around it; the Dragon Boat and Mid-Autumn festivals also "
                "follow the lunar calendar. Other holidays include Peace Memorial Day (28 "
                "February), Tomb Sweeping Day in early April and National Day (10 October). "
                "The list of holidays has changed in recent years, so check the current "
                "government office calendar before fixing dates.",
                (
                    "Directorate-General of Personnel Administration, Executive Yuan, "
                    "government office calendar",
                    _ita("Taiwan"),
                ),
            ),
            "hierarchy": (
                "Many firms are family-owned, and the owner or chairman takes the final "
                "decision, often quickly once convinced; large groups have formal "
                "hierarchies. Respect rank in seating and speaking order, and send people of "
                "comparable seniority. Disagreement is usually shown indirectly, so listen "
                "for hesitation and ask open questions instead of pressing for a yes.",
                (_ita("Taiwan"), _austrade("Taiwan")),
            ),
            "contracts": (
                "Contracts are taken seriously, but when problems arise the relationship is "
                "the first place to solve them. Draft in Chinese and English, name the "
                "governing version and the forum, and consider arbitration, for example with "
                "the Chinese Arbitration Association in Taipei. Taiwan's IP rights are "
                "separate from the mainland's: register trademarks and patents with the "
                "Taiwan Intellectual Property Office (TIPO), where the first to file wins, "
                "and protect know-how with written confidentiality agreements.",
                (
                    "Taiwan Intellectual Property Office (TIPO)",
                    "Chinese Arbitration Association, Taipei",
                    _ita("Taiwan"),
                ),
            ),
            "language": (
                "Mandarin is the business language, written in traditional characters, and "
                "Taiwanese Hokkien is widely spoken, especially in the south and in smaller "
                "firms. English is common among managers in technology and export companies, "
                "less so in traditional manufacturing. Use a professional interpreter for "
                "detailed negotiations, brief them in advance, and have materials translated "
                "into traditional rather than simplified characters.",
                (_ita("Taiwan"), "Taiwan External Trade Development Council (TAITRA)"),
            ),
        },
    },
    "JPN": {
        "summary": (
            "Japanese business values preparation, punctuality, consensus and long-term "
            "reliability. Decisions take time, but once made they are carried out "
            "thoroughly."
        ),
        "sections": {
            "greeting": (
                "The bow is the traditional greeting, and many Japanese offer foreigners a "
                "handshake, sometimes with a slight bow; a modest bow in return is "
                "appreciated. Exchanging business cards (meishi) is a small ceremony: offer "
                "yours with both hands, text facing the recipient, take theirs with both "
                "hands, and leave it on the table during the meeting. Arrive a few minutes "
                "early, and bring plenty of cards, ideally with Japanese on the back.",
                (
                    "Japan External Trade Organization (JETRO)",
                    _ita("Japan"),
                    _austrade("Japan"),
                ),
            ),
            "names": (
                "Use the family name with '-san' (Tanaka-san), or Mr or Ms Tanaka, and never "
                "add '-san' to your own name. Japanese order puts the family name first, but "
                "many English-language cards use Western order, so check which name is which. "
                "First names are rarely used in business, even after years. Note each "
                "person's position from their card, such as bucho (department head) or kacho "
                "(section head).",
                ("Japan External Trade Organization (JETRO)", _ita("Japan")),
            ),
            "gifts": (
                "Gift-giving is customary, especially on a first visit and in the midsummer "
                "(ochugen) and year-end (oseibo) seasons. Bring good-quality, nicely wrapped "
                "items from your region, and give them at the end of the meeting with both "
                "hands, playing down their value. Avoid sets of four or nine, white "
                "wrapping and cutting tools. Gifts are usually opened later, not in front of "
                "the giver.",
                (_austrade("Japan"), _uk("Japan")),
            ),
            "meals": (
                "Dinners, often followed by a second venue, are where relationships deepen "
                "and people speak more freely. Wait for the 'kanpai' toast before drinking, "
                "pour for others rather than for yourself, and lift your glass when someone "
                "pours for you; declining alcohol with a polite reason is fine. Do not leave "
                "chopsticks standing in rice or pass food from chopsticks to chopsticks, both "
                "of which recall funeral rites. The host usually pays, and you return the "
                "invitation another time.",
                (_austrade("Japan"), "Japan External Trade Organization (JETRO)"),
            ),
            "calendar": (
                "Business largely stops over the New Year holiday (about 29 December to 3 "
                "January), in Golden Week (a run of national holidays from late April into "
                "early May) and for Obon in mid-August, when many firms close for several "
                "days. Most companies and the government start their fiscal year on 1 April, "
                "so budgets are set early in the calendar year, and a proposal that misses "
                "that cycle may wait a year. National holidays are set by law and listed by "
                "the Cabinet Office; when one falls on a Sunday, the next ordinary weekday is "
                "taken off instead.",
                ("Cabinet Office, Government of Japan, national holidays", _ita("Japan")),
            ),
            "hierarchy": (
                "Decisions are built by consensus: a proposal is discussed informally "
                "beforehand (nemawashi) and may circulate for formal approval (ringi), so the "
                "people at the table often cannot agree on the spot. This takes time, but "
                "implementation is then fast and thorough. Seating and speaking order follow "
                "rank. Expect many detailed questions, send information early to help their "
                "internal process, and do not push for an immediate answer.",
                ("Japan External Trade Organization (JETRO)", _austrade("Japan")),
            ),
            "contracts": (
                "Contracts tend to be shorter than Western ones and often say that the "
                "parties will consult in good faith if issues arise; the relationship is "
                "expected to solve most problems. Litigation is comparatively rare, and "
                "mediation or arbitration, for example at the Japan Commercial Arbitration "
                "Association (JCAA), is preferred. IP protection and enforcement are strong: "
                "register patents, designs and trademarks with the Japan Patent Office (JPO), "
                "and sign a non-disclosure agreement before sharing technical details.",
                (
                    "Japan Patent Office (JPO)",
                    "Japan Commercial Arbitration Association (JCAA)",
                    _ita("Japan"),
                ),
            ),
            "language": (
                "Japanese is the language of business, and many people read English more "
                "easily than they speak it, so send written material and summaries in "
                "advance, in Japanese where you can. Use a professional interpreter for "
                "substantial negotiations, brief them well, and speak in short sentences "
                "with pauses. 'Hai' often means 'I am listening', not 'I agree', so confirm "
                "what was understood in writing after each meeting.",
                ("Japan External Trade Organization (JETRO)", _uk("Japan")),
            ),
        },
    },
    "KOR": {
        "summary": (
            "Korean business is fast-moving, hierarchical and personal, shaped by large "
            "business groups (chaebol) and long working hours. Trust between people and "
            "respect for seniority carry the deal."
        ),
        "sections": {
            "greeting": (
                "A slight bow, often with a handshake, is the usual greeting; the junior "
                "person bows first and lower, and may support the right forearm with the "
                "left hand while shaking. Exchange business cards with both hands and study "
                "the card before placing it on the table. Be punctual, and be ready for a "
                "busy senior person to move a meeting at short notice. KakaoTalk is widely "
                "used for business messages.",
                (_ita("South Korea"), "Korea Trade-Investment Promotion Agency (KOTRA)"),
            ),
            "names": (
                "Names usually have three syllables with the family name first, as in Kim "
                "Min-jun, and a few family names (Kim, Lee, Park) are shared by a large part "
                "of the population, so titles matter. Address people by title and family "
                "name, such as Director Park or President Kim (in Korean, Park Bujang-nim or "
                "Kim Sajang-nim), and avoid first names unless invited. Married women usually "
                "keep their family name.",
                ("Korea Trade-Investment Promotion Agency (KOTRA)", _austrade("South Korea")),
            ),
            "gifts": (
                "Gifts are common at a first meeting, given and received with both hands and "
                "usually opened later. Choose quality items from your home country, avoid "
                "sets of four, and never write a person's name in red ink. The Improper "
                "Solicitation and Graft Act sets strict limits on gifts and meals for public "
                "officials, teachers and journalists, and many companies apply similar rules, "
                "so keep values modest.",
                (
                    "Anti-Corruption and Civil Rights Commission (ACRC), Improper Solicitation "
                    "and Graft Act",
                    _ita("South Korea"),
                ),
            ),
            "meals": (
                "Dinners with drinking (hoesik) traditionally build team spirit and business "
                "ties, although younger managers drink less than before. Wait for the eldest "
                "or most senior person to start eating, receive a drink with both hands, and "
                "turn slightly away from a senior person as you drink. Pour for others, not "
                "for yourself, and keep a senior person's glass filled; the toast is "
                "'geonbae'. Declining alcohol politely is more and more accepted.",
                (_austrade("South Korea"), _uk("South Korea")),
            ),
            "calendar": (
                "The two largest holidays, Seollal (Lunar New Year, January or February) and "
                "Chuseok (the harvest festival, September or October), each bring three days "
                "off that move with the lunar calendar, and business pauses while millions "
                "travel. Other holidays include Independence Movement Day (1 March), "
                "Children's Day (5 May), Buddha's Birthday, Liberation Day (15 August), "
                "National Foundation Day (3 October) and Hangeul Day (9 October), and most of "
                "them give a substitute day when they fall on a weekend. Outside the "
                "holidays, answers are expected quickly and deadlines are short.",
                ("Korea Tourism Organization (VisitKorea), public holidays", _ita("South Korea")),
            ),
            "hierarchy": (
                "Organisations are strongly hierarchical: age and position decide who speaks "
                "and who decides, and in affiliates of a business group the decision may need "
                "the group headquarters. Once top management agrees, implementation can be "
                "very fast. Protect the other side's dignity and mood (kibun): avoid open "
                "criticism and deliver bad news privately and gently. Send negotiators of "
                "matching seniority.",
                ("Korea Trade-Investment Promotion Agency (KOTRA)", _austrade("South Korea")),
            ),
            "contracts": (
                "Contracts are increasingly detailed and enforced, yet they may still be seen "
                "as a framework to revisit when conditions change, so keep the relationship "
                "strong and put every amendment in writing. The Korean Commercial Arbitration "
                "Board (KCAB) is a common choice for international disputes. Korea's IP law "
                "and enforcement are strong; register patents and trademarks with the Korean "
                "Intellectual Property Office (KIPO), which grants them to the first to file, "
                "and use confidentiality agreements for technical information.",
                (
                    "Korean Intellectual Property Office (KIPO)",
                    "Korean Commercial Arbitration Board (KCAB)",
                    _ita("South Korea"),
                ),
            ),
            "language": (
                "Korean is the language of business. English is widely studied and common "
                "among younger managers in large firms, but confidence in speaking it varies, "
                "so send written material in advance. For important negotiations bring your "
                "own interpreter and have key documents translated into Korean. Speak "
                "plainly, avoid idioms, and confirm agreements in writing.",
                ("Korea Trade-Investment Promotion Agency (KOTRA)", _uk("South Korea")),
            ),
        },
    },
    "VNM": {
        "summary": (
            "Business in Vietnam rests on personal trust and on good relations with the "
            "state, which owns or influences many large firms. Expect warmth, a patient "
            "process and a legal framework that changes often."
        ),
        "sections": {
            "greeting": (
                "A handshake with a slight nod is usual between men; with a woman, wait for "
                "her to offer her hand, or nod. Greet the most senior person first. Give and "
                "receive business cards with both hands and read them before putting them "
                "away; a Vietnamese translation on the back helps. Early meetings are for "
                "getting to know each other over tea, so expect questions about your family "
                "and your background.",
                (_ita("Vietnam"), _austrade("Vietnam"), _uk("Vietnam")),
            ),
            "names": (
                "Names run family name, middle name, given name, as in Nguyễn Văn An, and "
                "people are called by their given name with a title, so he is Mr An, not Mr "
                "Nguyễn. The Vietnamese form of address shows age and rank: Ông for an older "
                "or senior man, Bà for an older or senior woman, Anh and Chị for a man or "
                "woman of about your own age or a little older. Titles such as Director "
                "(Giám đốc) are used with the given name; follow how people introduce "
                "themselves.",
                (_austrade("Vietnam"), _uk("Vietnam")),
            ),
            "gifts": (
                "A small gift is appreciated at a first meeting or an office visit, such as "
                "a quality item from your home country or one with your company's logo, "
                "wrapped in red or gold rather than black or white. Give it with both hands; "
                "it will usually be opened later. Fruit, sweets or tea are customary gifts "
                "before Tết. Vietnam's anti-corruption law limits what officials and "
                "state-enterprise staff may accept, so keep gifts modest and never give "
                "cash.",
                (_ita("Vietnam"), _uk("Vietnam")),
            ),
            "meals": (
                "Business lunches and dinners are central to building trust, and the host "
                "usually pays; expect to return the invitation. The host leads the toasts "
                "with 'một, hai, ba, dô!' (one, two, three, cheers), repeated through the "
                "meal with beer or rice spirit, and drinking together signals goodwill. You "
                "can decline politely for health reasons if you say so at the start. Wait "
                "for the eldest or most senior person to begin eating, and use the serving "
                "utensils for shared dishes.",
                (_austrade("Vietnam"), "Vietnam Trade Promotion Agency (Vietrade)"),
            ),
            "calendar": (
                "Tết, the Lunar New Year, falls in late January or February and is the main "
                "holiday of the year: the official break is about a week, often longer with "
                "weekends, but business slows for two to three weeks around it, and "
                "decisions and deliveries stall. Other holidays include Hùng Kings' "
                "Commemoration Day (tenth day of the third lunar month), Reunification Day "
                "(30 April) and Labour Day (1 May), which often make a long weekend, and "
                "National Day (2 September). The government confirms the exact dates each "
                "year; avoid fixing key meetings or deadlines close to Tết.",
                (
                    "Government of Viet Nam, annual announcement of the Tết and public holidays",
                    _ita("Vietnam"),
                ),
            ),
            "hierarchy": (
                "Decisions are hierarchical and often collective: the leader has the last "
                "word but consults colleagues, and in state-owned or state-linked firms "
                "approval may need the Party committee, the board and sometimes the "
                "supervising ministry or province. That makes decisions slow and the real "
                "decision-maker hard to see, so build relationships at several levels. Avoid "
                "open disagreement or criticism that would cost anyone face.",
                (_ita("Vietnam"), _austrade("Vietnam")),
            ),
            "contracts": (
                "Contracts matter, but partners may expect to revisit terms as circumstances "
                "change, and the relationship is the first route to solving problems. Draft "
                "bilingual contracts that say which language governs, and consider "
                "arbitration at the Vietnam International Arbitration Centre (VIAC) or in "
                "Singapore, since local courts can be slow. Register trademarks, patents and "
                "designs early with the Intellectual Property Office of Viet Nam (IP Viet "
                "Nam), where the first to file wins. Enforcement has improved but "
                "counterfeits remain common, so use confidentiality agreements and watch the "
                "market.",
                (
                    "Intellectual Property Office of Viet Nam (IP Viet Nam)",
                    SEA_IP_HELPDESK,
                    "Vietnam International Arbitration Centre (VIAC)",
                ),
            ),
            "language": (
                "Vietnamese is the language of business and of every official document. "
                "English is spoken more and more in foreign-invested firms, in Ho Chi Minh "
                "City and among younger professionals, less in state bodies and smaller "
                "firms. Hire your own professional interpreter for substantive meetings, "
                "brief them on technical terms and speak in short passages. Vietnamese is "
                "tonal and its diacritics change meanings, so have translated names and "
                "materials checked by a native speaker.",
                (_uk("Vietnam"), _austrade("Vietnam")),
            ),
        },
    },
    "THA": {
        "summary": (
            "Thai business values politeness, calm, respect for seniority and for the "
            "monarchy, and relationships built over time. Confrontation is avoided, and a "
            "smile can hide disagreement."
        ),
        "sections": {
            "greeting": (
                "The wai, a slight bow with the palms pressed together, is the traditional "
                "greeting; the junior person offers it first, and foreigners may return it or "
                "simply shake hands, which is common in business. Exchange business cards "
                "with the right hand or both hands; a card with Thai on one side is "
                "appreciated. Dress conservatively and keep your voice calm, since raised "
                "voices and visible anger cost face.",
                (_ita("Thailand"), _austrade("Thailand")),
            ),
            "names": (
                "Thais are addressed by their given name with the polite title Khun, as in "
                "Khun Somchai, for men and women alike; family names are long and rarely "
                "used in speech. Many people also have a short nickname used by friends and "
                "colleagues, which you should use only when invited. Professional titles go "
                "with the given name, as in Dr Somchai.",
                (_austrade("Thailand"), _uk("Thailand")),
            ),
            "gifts": (
                "Gifts are not required but are appreciated, especially on a first visit, at "
                "New Year and around Songkran. Choose quality items from your home country, "
                "nicely wrapped but not in black, and do not write names in red. Gifts are "
                "received with the right hand or both hands and usually opened later. Thai "
                "anti-corruption rules limit what public officials may accept, so keep gifts "
                "modest.",
                (_ita("Thailand"), _uk("Thailand")),
            ),
            "meals": (
                "Meals are shared from common dishes, and the host usually orders and pays; "
                "return the invitation later. Thais eat with a spoon in the right hand and a "
                "fork in the left, pushing food onto the spoon, and use chopsticks for "
                "noodles. The usual toast is 'chon kaew' (touch glasses), and drinking is "
                "moderate in most business settings. Never touch anyone's head, and do not "
                "point your feet at people or at images of the Buddha.",
                (_austrade("Thailand"), _uk("Thailand")),
            ),
            "calendar": (
                "Songkran, the Thai New Year on 13 to 15 April, brings a long break and mass "
                "travel, and business slows for a week or more; the calendar New Year is "
                "also a long holiday. Buddhist holidays such as Makha Bucha, Visakha Bucha "
                "and Asanha Bucha follow the lunar calendar, and several royal anniversaries "
                "are public holidays, among them the King's Birthday (28 July) and 5 "
                "December. The Cabinet sometimes adds special holidays at short notice, so "
                "check the year's list, for example the Bank of Thailand's holiday "
                "calendar.",
                ("Bank of Thailand, financial institutions' holidays", _ita("Thailand")),
            ),
            "hierarchy": (
                "Status comes from age, rank and family, and the most senior person decides, "
                "often after the meeting; many large companies are family-controlled groups. "
                "Criticism and a direct no are avoided to keep harmony, so 'yes' may mean "
                "'I understand', and problems are often signalled indirectly. Build a "
                "relationship with the decision-maker over time. Speak of the royal family "
                "only with respect: insulting it is a serious criminal offence.",
                (_ita("Thailand"), "Thailand Board of Investment (BOI)"),
            ),
            "contracts": (
                "Written contracts are expected and generally kept, but partners prefer to "
                "settle issues by talking rather than by invoking clauses. Thai courts work "
                "in Thai, so international contracts often choose arbitration, for example "
                "at the Thailand Arbitration Center (THAC) or in Singapore. Rights are "
                "territorial, so register trademarks, patents and designs with the "
                "Department of Intellectual Property (DIP); counterfeiting is a known "
                "problem, and DIP and the customs department handle enforcement.",
                (
                    "Department of Intellectual Property (DIP), Ministry of Commerce, Thailand",
                    "Thailand Arbitration Center (THAC)",
                    SEA_IP_HELPDESK,
                ),
            ),
            "language": (
                "Thai, written in its own script, is the language of business and "
                "government. English is common in multinationals and among senior managers "
                "of large firms, less so elsewhere, so provide translated materials. Use a "
                "professional interpreter for detailed talks, speak slowly without idioms, "
                "and confirm agreements in writing, since politeness can hide incomplete "
                "understanding.",
                (_ita("Thailand"), _austrade("Thailand")),
            ),
        },
    },
    "MYS": {
        "summary": (
            "A country of several communities (Malay, Chinese, Indian and others) and "
            "religions, where courtesy, respect for rank and care with religious customs, "
            "above all Islam's, matter in business."
        ),
        "sections": {
            "greeting": (
                "Handshakes are common between men, but many Malay Muslim women, and some "
                "men, do not shake hands with the opposite sex; wait for the other person to "
                "offer, and a nod with the right hand placed on the chest is a respectful "
                "alternative. Business cards are exchanged with both hands or the right hand. "
                "Greet the most senior person first, and be on time even if meetings start "
                "late.",
                (_ita("Malaysia"), _austrade("Malaysia")),
            ),
            "names": (
                "Customs differ by community. A Malay name is a given name, then bin (son "
                "of) or binti (daughter of) and the father's name, so Ahmad bin Ismail is "
                "Encik Ahmad, and a woman is Puan or Cik with her given name; Chinese "
                "Malaysians put the family name first (Mr Tan), and Indian Malaysians often "
                "use a given name with the father's name or initial. Honorific titles "
                "conferred by the rulers, such as Tan Sri, Datuk or Dato', must always be "
                "used, so check how a person is addressed before the meeting.",
                (_austrade("Malaysia"), _uk("Malaysia")),
            ),
            "gifts": (
                "Gifts are appreciated but not expected at a first meeting. For Muslim "
                "counterparts avoid alcohol, pork and anything made of pigskin, choose "
                "halal-certified food, and give with the right hand or both hands; for "
                "Chinese Malaysians the cautions about clocks and sets of four apply. The "
                "Malaysian Anti-Corruption Commission Act makes companies liable for bribes "
                "paid by people associated with them, so keep gifts modest and record them.",
                ("Malaysian Anti-Corruption Commission (MACC)", _ita("Malaysia")),
            ),
            "meals": (
                "Business meals are an important part of building relationships. With Muslim "
                "hosts the food is halal and there is no alcohol, so toasts are rare, and "
                "you eat with the right hand if eating by hand. When hosting, ask about "
                "dietary needs: many Indian Malaysians avoid beef and some Chinese "
                "Malaysians are vegetarian. During Ramadan, do not eat or drink in front of "
                "fasting colleagues in the day, and expect invitations to the evening meal "
                "that breaks the fast (buka puasa).",
                (_austrade("Malaysia"), _uk("Malaysia")),
            ),
            "calendar": (
                "Hari Raya Aidilfitri (the end of Ramadan) and Hari Raya Haji follow the "
                "Islamic calendar and come about eleven days earlier each year, while "
                "Chinese New Year and Deepavali follow their own calendars; business slows "
                "for a week or more around Hari Raya Aidilfitri and Chinese New Year. "
                "Holidays differ by state, and some states (at present Kelantan, Terengganu, "
                "Kedah and Johor) take Friday and Saturday as the weekend. Many Muslims "
                "attend Friday prayers around midday, so avoid meetings then, and check the "
                "federal and state holiday lists each year.",
                (
                    "Prime Minister's Department, Malaysia, federal and state public holidays",
                    _ita("Malaysia"),
                ),
            ),
            "hierarchy": (
                "Organisations are hierarchical: the senior person decides, usually after "
                "building consensus, and government-linked companies may need approvals from "
                "their boards or ministries. Face matters in every community, so avoid open "
                "disagreement and public criticism. Decisions can take time; build the "
                "relationship and be patient.",
                (_ita("Malaysia"), "Malaysian Investment Development Authority (MIDA)"),
            ),
            "contracts": (
                "Malaysian law is based on English common law, contracts are usually in "
                "English and are expected to be honoured, though partners may ask to "
                "renegotiate if circumstances change. The Asian International Arbitration "
                "Centre (AIAC) in Kuala Lumpur is a common venue for disputes. Register "
                "patents, trademarks and designs with the Intellectual Property Corporation "
                "of Malaysia (MyIPO); Malaysia belongs to the Madrid system for trademarks, "
                "and enforcement has improved, though counterfeits are still found.",
                (
                    "Intellectual Property Corporation of Malaysia (MyIPO)",
                    "Asian International Arbitration Centre (AIAC)",
                    SEA_IP_HELPDESK,
                ),
            ),
            "language": (
                "Malay (Bahasa Malaysia) is the national language and the language of "
                "government; English is widely used in business and law, and many Malaysians "
                "also speak Mandarin, Cantonese, Hokkien or Tamil. An interpreter is seldom "
                "needed in the private sector, but Malay-language material is appreciated by "
                "government bodies. Check understanding and confirm key points in writing.",
                (_ita("Malaysia"), _austrade("Malaysia")),
            ),
        },
    },
    "SGP": {
        "summary": (
            "Singapore is efficient, rule-bound and multicultural, known for low corruption "
            "and reliable contract enforcement. Business is done in English, courteously and "
            "to the point, though relationships and face still matter."
        ),
        "sections": {
            "greeting": (
                "A light handshake is the norm, though some Muslim and Hindu counterparts "
                "prefer not to shake hands with the opposite sex, so follow their lead. "
                "Present and receive business cards with both hands and take a moment to "
                "read them. Meetings start on time and are well prepared; small talk is "
                "short and friendly, and politics and religion are best left alone.",
                (_ita("Singapore"), "Enterprise Singapore"),
            ),
            "names": (
                "Chinese Singaporeans put the family name first (Lim Wei Ming is Mr Lim), "
                "though many use an English first name (Alan Lim). Malay names follow the "
                "given name, bin or binti, father's name pattern, and the person is called by "
                "the given name; Indian naming varies. Use Mr, Ms or a professional title "
                "until first names are offered, which often happens quickly in "
                "international firms.",
                (_austrade("Singapore"), _uk("Singapore")),
            ),
            "gifts": (
                "Gifts are not expected in business, and public servants generally may not "
                "accept them under Singapore's strict anti-corruption law, enforced by the "
                "Corrupt Practices Investigation Bureau (CPIB). In the private sector modest "
                "gifts, such as company-branded items or a speciality from home, are fine. "
                "Keep the usual cultural cautions: no clocks or sets of four for Chinese "
                "counterparts, no alcohol or pork for Muslims.",
                ("Corrupt Practices Investigation Bureau (CPIB), Singapore", _ita("Singapore")),
            ),
            "meals": (
                "Business lunches are common, and dinners are arranged to build "
                "relationships. Food reflects the mix of communities, so ask about halal, "
                "vegetarian or no-beef needs when hosting. At Chinese banquets the toast is "
                "'yam seng', and heavy drinking is not expected. The host pays, and offering "
                "to split the bill would be unusual.",
                (_austrade("Singapore"), "Enterprise Singapore"),
            ),
            "calendar": (
                "Singapore has eleven public holidays that reflect its communities: New "
                "Year's Day, two days of Chinese New Year (late January or February), Good "
                "Friday, Hari Raya Puasa, Labour Day, Vesak Day, Hari Raya Haji, National Day "
                "(9 August), Deepavali and Christmas. A holiday on a Sunday moves to the "
                "Monday. Business slows noticeably around Chinese New Year, and the Ministry "
                "of Manpower publishes the dates each year.",
                ("Ministry of Manpower, Singapore, public holidays", _ita("Singapore")),
            ),
            "hierarchy": (
                "Government-linked companies and family-run Chinese businesses are "
                "hierarchical and senior people decide, while multinationals are flatter. "
                "Decisions are considered and data-driven, so expect detailed questions. "
                "Disagreement is often voiced indirectly to spare face, so watch for "
                "hesitation.",
                (_ita("Singapore"), _austrade("Singapore")),
            ),
            "contracts": (
                "Singapore's common-law courts are highly regarded, contracts are detailed "
                "and enforced as written, and the city is a leading seat for international "
                "arbitration at the Singapore International Arbitration Centre (SIAC). IP "
                "protection and enforcement are strong: register with the Intellectual "
                "Property Office of Singapore (IPOS), which offers accelerated patent routes "
                "and is a common base for filings across the region.",
                (
                    "Intellectual Property Office of Singapore (IPOS)",
                    "Singapore International Arbitration Centre (SIAC)",
                    SEA_IP_HELPDESK,
                ),
            ),
            "language": (
                "English is the main language of business and government, and Malay, "
                "Mandarin and Tamil are also official. Singaporean English, and the "
                "colloquial Singlish, has its own idioms and rhythm, so listen closely and "
                "check understanding. Interpreters are rarely needed, though Mandarin helps "
                "with some Chinese-run firms and with partners from China.",
                (_uk("Singapore"), "Enterprise Singapore"),
            ),
        },
    },
    "IDN": {
        "summary": (
            "The world's largest Muslim-majority country, with hundreds of ethnic groups; "
            "Javanese values of harmony, respect for elders and indirect speech shape much "
            "of business life. Relationships and patience are essential, and regulations "
            "change often."
        ),
        "sections": {
            "greeting": (
                "A gentle handshake, sometimes followed by touching the right hand to the "
                "chest, is common; many Muslim women do not shake hands with men, so wait "
                "for them to offer. Use the right hand to give and receive anything, "
                "business cards included. Meetings may start late ('jam karet', rubber "
                "time), but visitors should be punctual and expect unhurried small talk and "
                "hospitality before business.",
                (_ita("Indonesia"), _austrade("Indonesia")),
            ),
            "names": (
                "Many Indonesians, especially Javanese, use a single name, while others have "
                "several, so ask how a person prefers to be addressed. Use Bapak (Pak) for "
                "men and Ibu (Bu) for women with the name they go by, as in Pak Budi or Ibu "
                "Sari. Academic and professional titles, such as Dr or Ir for an engineer, "
                "and Haji for a man who has made the pilgrimage, are valued and should be "
                "used.",
                (_austrade("Indonesia"), _uk("Indonesia")),
            ),
            "gifts": (
                "Gifts are welcome and often exchanged at first meetings; give and receive "
                "them with the right hand or both hands, and expect them to be opened later. "
                "For Muslim counterparts avoid alcohol, pork and pigskin, and choose "
                "halal-certified food. The Corruption Eradication Commission (KPK) treats "
                "gifts to public officials (gratifikasi) strictly and requires officials to "
                "report them, so keep gifts modest and never give cash.",
                ("Corruption Eradication Commission (KPK), Indonesia", _ita("Indonesia")),
            ),
            "meals": (
                "Shared meals build relationships; the host orders and pays, and you "
                "reciprocate later. Most food is halal and alcohol is often absent when "
                "hosts are Muslim, so toasts are rare. Eat and pass dishes with the right "
                "hand. During Ramadan working hours may be shorter, and gatherings to break "
                "the fast together in the evening (buka puasa bersama) are a common "
                "occasion for networking.",
                (_austrade("Indonesia"), _uk("Indonesia")),
            ),
            "calendar": (
                "Islamic holidays move about eleven days earlier each year, above all Idul "
                "Fitri (Lebaran) at the end of Ramadan; there are also Christian, Hindu "
                "(Nyepi), Buddhist (Waisak) and Chinese New Year holidays and Independence "
                "Day on 17 August. Around Lebaran the government adds collective leave days "
                "(cuti bersama), millions travel home (mudik) and business largely stops "
                "for one to two weeks. A joint decree of three ministers sets each year's "
                "holidays and collective leave days, so check it before planning.",
                (
                    "Government of Indonesia, joint ministerial decree on national holidays "
                    "and collective leave",
                    _ita("Indonesia"),
                ),
            ),
            "hierarchy": (
                "Organisations are hierarchical, and the senior person decides after "
                "consultation aimed at consensus (musyawarah and mufakat). Open disagreement "
                "and public criticism are avoided: a yes may be polite rather than a "
                "commitment, and 'belum' (not yet) can mean no. Relationships with local "
                "partners and, in regulated sectors, with officials matter, and decisions "
                "take time.",
                (
                    _ita("Indonesia"),
                    "Ministry of Investment / Investment Coordinating Board (BKPM), Indonesia",
                ),
            ),
            "contracts": (
                "Indonesia's language law (Law 24 of 2009, with a 2019 presidential "
                "regulation) requires contracts with Indonesian parties to be in Indonesian; "
                "a bilingual contract is common, and it should say which version prevails. "
                "Contracts are seen as part of a continuing relationship, and renegotiation "
                "is common. Foreign arbitral awards must be registered with the Central "
                "Jakarta District Court before enforcement, and BANI is the main domestic "
                "arbitration body. Register trademarks and patents with the Directorate "
                "General of Intellectual Property (DGIP), since counterfeiting is widespread "
                "and enforcement uneven.",
                (
                    "Directorate General of Intellectual Property (DGIP), Indonesia",
                    "Indonesian National Arbitration Board (BANI)",
                    SEA_IP_HELPDESK,
                ),
            ),
            "language": (
                "Indonesian (Bahasa Indonesia) is the language of business and government, "
                "and regional languages such as Javanese and Sundanese are widely spoken at "
                "home. English is used in multinationals and by many senior managers in "
                "Jakarta, much less outside the big cities. Use a professional interpreter "
                "for substantive negotiations, keep sentences short and plain, and confirm "
                "each point in writing.",
                (_austrade("Indonesia"), _uk("Indonesia")),
            ),
        },
    },
    "PHL": {
        "summary": (
            "Business in the Philippines is warm, personal and conducted in English, shaped "
            "by close family ties, a strong Catholic tradition and American influence. Who "
            "introduces you matters, and harmony is valued over bluntness."
        ),
        "sections": {
            "greeting": (
                "A firm, friendly handshake with a smile is the usual greeting; greet the "
                "most senior or oldest person first. Business cards are exchanged without "
                "much ceremony, though both hands are a courteous touch. Filipinos are "
                "hospitable and expect some personal conversation before business; visitors "
                "should be on time even if local meetings start a little late.",
                (_ita("Philippines"), _austrade("Philippines")),
            ),
            "names": (
                "Names follow the Western order, and many family names are Spanish. Use Mr, "
                "Ms or a professional title (Attorney, Engineer, Doctor) with the family "
                "name; titles are taken seriously and often used in speech. Nicknames are "
                "everywhere, but wait to be invited before using one. The middle name is "
                "traditionally the mother's family name.",
                (_austrade("Philippines"), _uk("Philippines")),
            ),
            "gifts": (
                "Gifts are not required at a first meeting but are appreciated, especially "
                "something from your home country or good chocolates for the office to "
                "share. Gifts are usually opened later, and Christmas is the main season for "
                "them. The code of conduct for public officials (Republic Act 6713) forbids "
                "them to accept gifts connected with their work, so give officials nothing "
                "of value.",
                (
                    "Civil Service Commission, Code of Conduct and Ethical Standards for "
                    "Public Officials and Employees (Republic Act 6713)",
                    _ita("Philippines"),
                ),
            ),
            "meals": (
                "Meals are generous and social, usually shared from common dishes, and the "
                "host pays. Formal toasts are less common than in North-East Asia; a "
                "'Mabuhay!' or 'Cheers!' will do. Food is how hospitality is shown, so try "
                "what you are offered. An evening of karaoke after dinner is a popular way "
                "to build a relationship.",
                (_austrade("Philippines"), _uk("Philippines")),
            ),
            "calendar": (
                "The Christmas season is long: decorations go up in September, and business "
                "slows from mid-December to early January. Holy Week (Maundy Thursday and "
                "Good Friday, in March or April) is a national pause, and Eid al-Fitr and "
                "Eid al-Adha are national holidays too, alongside Independence Day (12 June), "
                "National Heroes Day (last Monday of August) and Rizal Day (30 December). "
                "The President proclaims each year's holidays and sometimes moves them, and "
                "typhoons can disrupt travel from June to November.",
                (
                    "Official Gazette of the Republic of the Philippines, proclamations on "
                    "regular holidays and special days",
                    _ita("Philippines"),
                ),
            ),
            "hierarchy": (
                "Organisations are hierarchical, and senior management or the owning family "
                "decides; many large firms belong to family-controlled groups. People value "
                "smooth relations (pakikisama) and avoid shaming anyone (hiya), so a direct "
                "no is rare, and 'we will try' or a silence may be a refusal. Personal "
                "rapport, and the sense of owing a favour (utang na loob), helps decisions "
                "move.",
                (_ita("Philippines"), "Philippine Board of Investments (BOI)"),
            ),
            "contracts": (
                "The legal system mixes civil-law and common-law elements, and contracts are "
                "usually in English. Courts can be slow, so arbitration, for example through "
                "the Philippine Dispute Resolution Center (PDRCI) or abroad, is common. "
                "Register trademarks, patents and designs with the Intellectual Property "
                "Office of the Philippines (IPOPHL), which also offers mediation of IP "
                "disputes and leads the national committee on enforcement against "
                "counterfeits.",
                (
                    "Intellectual Property Office of the Philippines (IPOPHL)",
                    "Philippine Dispute Resolution Center, Inc. (PDRCI)",
                    SEA_IP_HELPDESK,
                ),
            ),
            "language": (
                "Filipino and English are the official languages, and English is used "
                "fluently in business, law and government, so interpreters are rarely "
                "needed. Many people mix English and Tagalog (Taglish) among themselves, and "
                "more than a hundred regional languages, such as Cebuano and Ilocano, are "
                "spoken. Answers are often indirect, so confirm agreements in writing.",
                (_ita("Philippines"), _austrade("Philippines")),
            ),
        },
    },
    "IND": {
        "summary": (
            "India is vast and diverse in languages, religions and regions, with family "
            "conglomerates, state enterprises and start-ups side by side and a complex "
            "regulatory system. Relationships, patience and persistent bargaining on price "
            "are part of the work."
        ),
        "sections": {
            "greeting": (
                "A handshake is common in business between men; with a woman, wait for her "
                "to offer her hand, or use the namaste (palms together, a slight bow), which "
                "is always respectful. Greet the most senior person first and exchange "
                "business cards with the right hand or both hands. Small talk about family, "
                "cricket or travel is a normal start, and meetings may begin late or be "
                "interrupted, though visitors should be on time.",
                (_ita("India"), _austrade("India")),
            ),
            "names": (
                "Naming varies by region and religion: many North Indians use a family name "
                "(Mr Sharma), while in parts of the South people may use a given name with "
                "initials for the father's name or home town, so ask how to address someone. "
                "Use Mr, Mrs, Ms, Dr or Professor with the surname; adding '-ji' (Sharma-ji) "
                "shows respect. Sikh men often carry Singh and women Kaur as a surname or middle "
                "name.",
                (_austrade("India"), _uk("India")),
            ),
            "gifts": (
                "Gifts are appreciated, above all at Diwali, when companies exchange sweets "
                "and presents; give and receive with the right hand or both hands, and "
                "expect them to be opened later. Avoid leather for Hindu counterparts, "
                "alcohol for Muslims and many Hindus, and pork for Muslims. The Prevention "
                "of Corruption Act, tightened in 2018, makes giving an undue advantage to a "
                "public servant an offence, so keep gifts modest and never give cash.",
                (_ita("India"), _uk("India")),
            ),
            "meals": (
                "Business meals are common, often in the evening and sometimes late. Many "
                "Indians are vegetarian, Hindus usually avoid beef and Muslims pork, and "
                "some people do not drink, so ask about dietary needs and always offer "
                "vegetarian dishes. Eat with the right hand if eating by hand, and keep "
                "toasts informal. The host usually pays; reciprocate on a later visit.",
                (_austrade("India"), "India Brand Equity Foundation (IBEF)"),
            ),
            "calendar": (
                "The national holidays are Republic Day (26 January), Independence Day (15 "
                "August) and Gandhi Jayanti (2 October); festivals such as Diwali (October or "
                "November), Holi (March), Eid, Durga Puja, Pongal and Christmas are holidays "
                "in many states, most of them moving with lunar calendars. Business slows "
                "around Diwali, and the financial year runs from 1 April to 31 March, so "
                "March is busy with year-end targets. The central government and each state "
                "publish their own holiday lists; check both before scheduling.",
                (
                    "Ministry of Personnel, Public Grievances and Pensions, Government of "
                    "India, holidays for central government offices",
                    _ita("India"),
                ),
            ),
            "hierarchy": (
                "Hierarchy is respected: the senior person or the owning family decides, "
                "often after long internal consultation, and decisions may be revisited "
                "until late. Personal trust matters a great deal. A direct no is often "
                "avoided ('we will see', 'I will try'), and bargaining on price can be "
                "persistent, so expect several rounds and keep room to concede.",
                (_ita("India"), "Invest India"),
            ),
            "contracts": (
                "Indian contract law rests on English common law, and contracts are usually "
                "in English. Courts are slow, so international contracts often choose "
                "arbitration under the Arbitration and Conciliation Act 1996, seated in "
                "India (for example at the Mumbai Centre for International Arbitration) or "
                "in Singapore or London. Register patents, designs and trademarks with the "
                "Office of the Controller General of Patents, Designs and Trade Marks "
                "(CGPDTM) and use non-disclosure agreements; enforcement has improved, with "
                "dedicated IP benches in some high courts, but can be slow.",
                (
                    "Office of the Controller General of Patents, Designs and Trade Marks "
                    "(CGPDTM), Indian Patent Office",
                    "WIPO Lex, India",
                    _ita("India"),
                ),
            ),
            "language": (
                "English is the main language of business, law and the national government, "
                "alongside Hindi; the constitution lists 22 languages, and regional ones "
                "matter in state governments and smaller firms. Interpreters are rarely "
                "needed in business but can help with local authorities. The side-to-side "
                "head movement can mean yes, maybe or 'I am listening', so confirm "
                "agreements in writing.",
                (_uk("India"), "Invest India"),
            ),
        },
    },
}


def seed_briefings(apps, *, codes: Iterable[str] | None = None) -> int:
    """Write the seeded briefing of each country in `codes` (default: all seeded ones) that
    exists and has no briefing yet, with a first version in the change history.

    `apps` is the migration's app registry or ``django.apps.apps``. Returns the number of
    briefings written. Four to six queries, whatever the number of countries.
    """
    wanted = set(BRIEFINGS) if codes is None else set(codes) & set(BRIEFINGS)
    if not wanted:
        return 0
    country_model = apps.get_model("countries", "Country")
    briefing_model = apps.get_model("countries", "CountryBriefing")
    section_model = apps.get_model("countries", "BriefingSection")
    countries = list(country_model.objects.filter(code__in=wanted, briefing__isnull=True))
    if not countries:
        return 0
    briefing_model.objects.bulk_create(
        [briefing_model(country=c, summary=BRIEFINGS[c.code]["summary"]) for c in countries]
    )
    codes_by_country = {c.pk: c.code for c in countries}
    briefings = list(briefing_model.objects.filter(country_id__in=codes_by_country))
    section_model.objects.bulk_create(
        [
            section_model(
                briefing=briefing,
                kind=kind,
                text=text,
                sources="\n".join(sources),
                last_reviewed=REVIEWED,
            )
            for briefing in briefings
            for kind, (text, sources) in BRIEFINGS[codes_by_country[briefing.country_id]][
                "sections"
            ].items()
        ]
    )
    sections = list(section_model.objects.filter(briefing__in=briefings))
    # bulk_create sends no signals, so the first version of each row is recorded here,
    # as countries.0003_history_baseline does: trainers can revert to the shipped text.
    now = timezone.now()
    for model, rows in ((briefing_model, briefings), (section_model, sections)):
        historical = apps.get_model("countries", f"Historical{model.__name__}")
        fields = [f.attname for f in model._meta.concrete_fields]
        historical.objects.bulk_create(
            [
                historical(
                    **{name: getattr(row, name) for name in fields},
                    history_date=now,
                    history_type="+",
                    history_change_reason=SEED_REASON,
                )
                for row in rows
            ]
        )
    return len(briefings)
