"""The two halves of the two-part stance cues, in six languages (used by :mod:`stance`).

A two-part cue needs both things in one post: who speaks (a UN entity, "our mission") and what the post does
with it (sells, gives an interview), or a topic and the turn that makes it a concern (a vacancy and the boss's
niece; a hotel and the delegation's room numbers). Either half alone is only a topic, so each half may be broad.
"""

from __future__ import annotations

__all__ = ["CONDEMN", "PAIRS"]

# Reporting an insult to condemn it: "a man called me a parasite", "on m'a traitée de", "骂我".
CONDEMN = (r"\b(called\s+(me|us|her|him|them)|called\s+\w+\s+a|stop\s+calling|it'?s\s+not\s+ok|not\s+acceptable|unacceptable|condemn|reported\s+(him|her|it|them)|"
            r"no\s+place\s+for|racist\s+abuse|was\s+insulted)\b|\bm'a\s+traitée?|\bs'est\s+fait\s+traiter|\breçu\s+en\s+(dm|mp)|\binacceptable\b|\bme\s+llamó\b|\binaceptable\b|"
            r"وصفني|ناداني|كتبلي|غير\s+مقبول|\bназвал[аи]?\s+меня\b|\bнедопустимо\b|骂我|不能接受|这不是言论自由|收到[^。！？\n]{0,12}私信")

# Cues that need two things in one post: who speaks (a UN entity, "our mission") and what the post does with it
# (sells, fund-raises, gives an interview), or a topic and the turn that makes it a concern (a vacancy and the
# boss's niece; a colleague and her chemotherapy). Either half alone is only a topic.
_UN_BODY = (r"\b(?-i:UN|U\.N\.|ONU|OMS|PAM|PMA|WFP|WHO|UNICEF|UNHCR|HCR|ACNUR|UNDP|PNUD|OCHA|UNFPA|FNUAP|IOM|OIM|UNESCO|FAO|ILO|OIT|"
            r"UNRWA|UNOPS|UNEP|PNUE|UNOG|UNOV|UNON|UNAMA|UNAMI|UNMISS|MINUSCA|MINUSMA|MINUSTAH|MONUSCO|UNIFIL|FINUL|UNSMIL|"
            r"DPPA|DPO|ESCWA|CESAO|ESCAP|CEPAL|ECLAC|IAEA|OIEA|UNIDO|ONUDI|UNODC|ONUDC|OHCHR|HCDH|ACNUDH|UNAIDS|ONUSIDA)\b|"
            r"\b(UN\s?Women|ONU\s?Femmes|ONU\s?Mujeres|United\s+Nations|Nations\s+[Uu]nies|Naciones\s+Unidas|Palais\s+des\s+Nations|"
            r"(?-i:UNGA|UNSC|HRC)|General\s+Assembly|Security\s+Council|Human\s+Rights\s+Council|Assemblée\s+générale|"
            r"Conseil\s+de\s+sécurité|Conseil\s+des\s+droits\s+de\s+l'homme|Asamblea\s+General|Consejo\s+de\s+Seguridad|"
            r"Генассамбле\w*|Генеральн\w+\s+Ассамбле\w*|Совет\w*\s+(Безопасности|по\s+правам\s+человека)|"
            r"Palacio\s+de\s+las\s+Naciones|peacekeep\w*|blue\s+helmets?|casques?\s+bleus|cascos\s+azules|"
            r"ООН|ЮНИСЕФ|УВКБ|ВПП|ВОЗ|ПРООН|МАГАТЭ|ЮНОДК|ЮНИДО|МОТ|УКГВ|УВКПЧ|ЮНЕСКО|ФАО|МОМ)\b|"
            r"\b(миротвор\w*|Объедин[её]нных\s+Наций)\b|"
            r"الأمم\s+المتحدة|الامم\s+المتحدة|أممي\w*|اليونيسف|المفوضية|برنامج\s+الأغذية|منظمة\s+الصحة|اليونيفيل|الإسكوا|"
            r"الأونروا|اليونسكو|الفاو|المبعوث\s+الخاص|حفظ\s+السلام|الجمعية\s+العامة|مجلس\s+الأمن|مجلس\s+حقوق\s+الإنسان|"
            r"联合国|聯合國|儿基会|难民署|粮食署|世卫|开发署|维和|人口基金|移民组织|教科文|粮农|近东救济|人权高专|联大|聯大|安理会|人权理事会")
_OUR_WORK = (r"\b(our|my)\s+(mission|agency|country\s+office|field\s+office|regional\s+office|humanitarian\s+programme|operation)\b|"
             r"\b(notre|ma)\s+(mission|agence|bureau\s+pays)\b|\b(nuestra|mi)\s+(misión|agencia)\b|\bdesde\s+la\s+agencia\b|"
             r"\bнаш\w*\s+(мисси\w*|агентств\w*|странов\w+\s+офис\w*)|بعثتنا|وكالتنا|"
             r"我们(的)?(任务|机构|办事处|署)|我們(的)?(任務|機構|辦事處)|我们在\w{0,4}的(工作|粮食援助)")
# The writer speaking: the first person of a media appearance ("I gave an interview", "je serai samedi", "دالا").
_SELF = (r"\b(I|I'm|I'll|I've|me|my|myself|our|notre|nuestr[oa]|наш\w*|je|j'|moi|mon|ma|mes|yo|mi|mis|doy|di|voy|я|мне|мо[йяеё]|дал[аи]?|выступ\w+)\b|"
         r"أنا|عملت|حكيت|ضيف\w*|مقالي|كتابي|بعثتنا|رح\s+احكي|我|受邀")
_SELLS = (r"\b(discount|promo\s*code|use\s+(my\s+)?code|\d+\s?%\s+off|link\s+in\s+(my\s+)?bio|dm\s+(me|for)|prices?|for\s+sale|"
          r"order\s+(now|here|yours)|shop\s+now|my\s+(shop|store|agency|company|business|brand|studio|clinic)|listings|"
          r"book\s+(now|a\s+session)|bookings?|hire\s+me|gofundme|gofund\.me|fundrais\w+|crowdfund\w*|chip\s+in|"
          r"pre-?orders?|consulting|consultancy|tutoring|private\s+lessons|rates|commissions|prints|speed\s+up\s+your\s+(file|case|application))\b|"
          r"\b(code\s+promo|réduction|lien\s+en\s+bio|en\s+mp|prix|à\s+vendre|je\s+vends|vends|boutique|commandes?|précommandes?|"
          r"cagnotte|leetchi|cours\s+particuliers|tarifs?|réservations?|mon\s+(agence|entreprise|site)|ma\s+(société|marque|boutique)|"
          r"tirages?\s+d'art|dispo\s+en\s+tirage)\b|"
          r"\b(código|descuento|link\s+en\s+(la\s+)?bio|por\s+dm|precios?|vendo|venta|tienda|pedidos|envíos|vaki|colecta|rifa|"
          r"reservas|mi\s+(empresa|marca|tienda|agencia)|clases\s+particulares)\b|"
          r"промокод|скидк\w*|ссылк\w*\s+в\s+(шапке|био|профиле)|в\s+личк\w*|в\s+директ|прайс|продаю|заказ\w*|"
          r"доставк\w*|сбор\s+на|донат\w*|\bбронир(овать|ование|уй\w*)\b|мо[йя]\s+(магазин|компани\w+|студи\w+|бренд)|репетитор\w*|\bв\s+лс\b|"
          r"консульт\w*|сдаю|"
          r"كود|خصم|بالبايو|رابط\s+التبرع|للطلب|الطلب|الأسعار|السعر|للبيع|توصيل|حملة\s+التبرع|دروس\s+خصوصية|احجز|"
          r"شركتي|ماركتي|موقعي|متجري|أسرّع\s+ملفك|اسرع\s+ملفك|كلمني\s+خاص|راسلني\s+(ع\s*ال)?خاص|"
          r"折扣|优惠码|链接在|私信|下单|价格|出售|代购|众筹|捐款|预订|约拍|我的(店|公司|工作室|网店)|团购|购买|購買|限量|签名版|簽名版")
_SPEAKS = (r"\b(interview(s|ed)?(?!\s+panels?)|podcast|webinar|panel|keynote|op-?ed|column|on\s+air|the\s+press|press\s+conference|"
           r"journalists?|reporters?|"
           r"my\s+(book|article|piece|talk|lecture))\b|"
           r"\b(entretien|webinaire|conférence|tribune|chronique|mon\s+(livre|article)|journalistes?|au\s+micro|"
           r"je\s+présente)\b|"
           r"\b(entrevista|pódcast|charla|conferencia|columna|mi\s+(libro|artículo)|periodistas?|doy\s+un)\b|"
           r"интервью|подкаст|вебинар|эфир\w*|колонк\w*|мо[яй]\s+(книга|стать\w+)|журналист\w*|"
           r"مقابلة|بودكاست|ندوة|محاضرة|مقالي|كتابي|صحفي\w*|ضيف\w*|على\s+الهواء|"
           r"采访|播客|讲座|专栏|我的书|记者|受邀|录了一门课")
_CLAIMS = (r"可以確認|\b(I\s+can\s+confirm|confirmed:|je\s+(peux\s+)?(vous\s+)?confirme[rz]?|puedo\s+confirmar|могу\s+подтвердить|you\s+can\s+quote\s+me|"
           r"vous\s+pouvez\s+me\s+citer|pod[eé]s\s+citarme|puede[sn]?\s+citarme|можете\s+(меня\s+)?цитировать)\b|أؤكد|我可以确认|"
           r"تنقل\s+عني|可以引用我|"
           r"\b(the\s+)?(UN|U\.N\.|United\s+Nations)\s+(does\s+not|doesn't|will\s+not|won't|will|has\s+decided|supports?|opposes?)\b|"
           r"\b(l'ONU|les\s+Nations\s+unies)\s+(ne\s+)?(soutient|soutiendra|va|a\s+décidé|s'oppose)|"
           r"\b(la\s+ONU|las\s+Naciones\s+Unidas)\s+(no\s+)?(apoya|apoyará|va\s+a|ha\s+decidido)|"
           r"ООН\s+(не\s+)?(поддерживает|поддержит|будет|решила)|الأمم\s+المتحدة\s+(ما|لا|لن)?\s*(بتدعم|تدعم|ستدعم)|"
           r"联合国(不|将|决定)?(支持|反对)")
_NO_CLEARANCE = (r"\b(didn'?t|did\s+not|without)\s+(run(ning)?\s+it\s+(past|by)|clear(ing|ance)?|checking\s+with|telling)\s+(comms|"
                 r"communications|the\s+press\s+office|HQ)|\bsans\s+passer\s+par\s+la\s+com|pas\s+eu\s+le\s+temps\s+de\s+passer\s+par\s+la\s+com|"
                 r"\bno\s+(alcancé\s+a\s+)?pas(é|arla)\s+por\s+comunicaciones|не\s+согласовыва\w*|بدون\s+ما\s+(أرجع|ارجع)\s+للإعلام|"
                 r"没(来得及)?(跟|和)传播部门")
_HIRING = (r"\b(promoted|promotions?|recruit\w*|hired|vacanc\w+|(?-i:[PD])-?\d\b|open\s+competition|contract\s+renew\w*|interview\s+panel|"
           r"job\s+went|shortlist\w*)\b|"
           r"\b(promu\w*|promotion|recrutement|poste|concours)\b|\b(ascen\w+|convocatoria|contrat\w+|plaza)\b|"
           r"ترق\w*|وظيفة|التوظيف|عقدك|تعيين|تعي?ّ?ن\w*|повышени\w*|ваканси\w*|конкурс\w*|контракт\w*|назнач\w*|"
           r"招聘|晋升|升职|提拔|空缺|续合同|竞聘|面试|面試")
_BOSS = r"(boss|manager|director|chief|rep|head\s+of\s+office|supervisor|coordinator|D-\d|P-\d|DRD|RD|DRR|DDG|ADG|interviewer)"
_KIN = (r"(friends?|niece|nephew|girlfriend|boyfriend|cousin|wife|husband|relatives?|former\s+intern|buddy|drinking\s+buddy|"
        r"golf\s+buddy|godson|goddaughter|(ex-?|former\s+)?roommate|classmate|fellow\s+countryman)")
_FAVOURS = (rf"\b{_BOSS}'s\s+(\w+\s+)?{_KIN}\b|\b{_KIN}\s+of\s+(the|our|my)\s+(\w+\s+)?{_BOSS}\b|"
            r"\b(coincidence|my\s+foot|nepotis\w+|cronies|cronyism|same\s+country\s+as|happy\s+hour|who\s+you\s+(drink|golf|play)\s+with|"
            r"who\s+you\s+know|internal\s+candidate|(written|tailored|made)\s+for\s+(him|her)|same\s+\d+\s+names)\b|"
            rf"\b{_BOSS}'s\s+pick\b|\b(ahijad[oa]|filleul\w*|крестни\w*|земляк\w*)\b|"
            r"\b(carnet\s+d'adresses|candidat\s+interne|sur\s+mesure|candidato\s+interno|hecho\s+a\s+medida)\b|"
            r"внутренн\w+\s+кандидат\w*|правильными\s+людьми|давно\s+выбран\w*|عشاوات|عزايم|内定|早就定了|量身定做|"
            r"\b(nièce|neveu|copine|copain|cousin\w*|femme|mari|ami\w*)\s+(du|de\s+la)\s+(chef\w*|directeur|directrice|patron\w*|"
            r"représentant\w*|coordinat\w+)\b|\b(piston|pistonné\w*|quel\s+hasard|comme\s+par\s+hasard)\b|"
            r"\b(novia|novio|sobrin[oa]|prim[oa]|amig[oa]|espos[oa])\s+del?\s+(la\s+)?(jef[ea]|director[a]?|coordinador[a]?|"
            r"representante)\b|\b(casualidad|enchufe|enchufad[oa]|palanca)\b|"
            r"(племянни\w*|друг|подруг\w*|родственни\w*|кум\w*|любовни\w*)\s+(директора|начальни\w+|руководител\w+|шефа)|"
            r"совпадени\w*|блат\w*|"
            r"(ابن|بنت)\s+(أخت|أخ|عم|خال)\s+(المدير|المديرة|الممثل\w*)|(قريب|صاحب|صديق)\w*\s+(المدير|الممثل\w*)|صدف\w*|واسطة|"
            r"نفس\s+بلد|"
            r"(处长|主任|主管|领导|老板|代表|科长|面试官)(的)?(外甥|侄|亲戚|校友|女友|男友|朋友|同学|老乡|前室友|室友)|"
            r"(候选人|候選人)的(前)?室友|关系户|走个过场|真巧|原单位|老乡")
_PRESS_WORDS = (r"(\b(journalists?|press|media|mediapart|reporters?|periodistas?|prensa|journalistes?|журналист\w*|СМИ|PassBlue|Devex|"
                r"New\s+Humanitarian|Inner\s+City\s+Press|Guardian|редакци\w*|газет\w*|Фонтанк\w*|Медуз\w*)\b|"
                r"صحفي\w*|الإعلام|للصحافة|الصحافة|记者|媒体|报社|南华早报)")
_EXPOSE = (r"\b(if|unless|otherwise|si|sinon|если|иначе)\b[^.!?\n]{0,80}\b(send|leak|forward|pass|go\s+to|envoie|envoyer|"
           r"balance|paso|mando|publico|отправлю|передам|солью|опубликую)|(إذا|اذا|وإلا)[^.!?\n]{0,80}(ببعت|بعت|أبعت|رح\s+انشر)|"
           r"再不[^。！？\n]{0,30}(发给|曝光|交给)|"
           r"(\b(I'?m|I\s+am|im|gonna|going\s+to|will|about\s+to)\s+(send|sending|forward|forwarding|leak|leaking|take|taking|give|giving)\b|"
           r"\bje\s+(vais\s+)?(envoie|envoyer|balance|balancer|transmets|transmettre)\b|\b(voy\s+a\s+)?(mandar|enviar|filtrar|le\s+mando)\b|"
           r"\b(отправлю|солью|напишу|набросал\w*\s+письмо|письмо\s+в)\b|بطرش|ببعت|رح\s+ابعت|سأرسل|حبعت|هبعت|"
           r"准备发给|发给|交给|爆料给|捅给)[^.!?\n。！？]{0,60}" + _PRESS_WORDS + "|"
           r"(去找|找)(记者|媒体)|全抖出来|ناطر\s+مني\s+إشارة|ينتظر\s+مني\s+إشارة|\bwaiting\s+for\s+my\s+(signal|go)\b|"
           r"\bgo(ing)?\s+to\s+the\s+(press|media|journalists)\b|\bj'appelle\s+(la\s+presse|les\s+journalistes)\b")
_PRESS = rf"{_PRESS_WORDS}|@\w+"
_PHONE = r"(?<![\w/])\+?\d(?:[\s.()-]{0,2}\d){6,14}(?![\w/])"
_PERSONAL_LINE = (r"\b(personal|private|home|his|her|cell)\s+(number|phone|cell|mobile)\b|\bnuméro\s+(perso\w*|privé)\b|"
                  r"\b(cel|celular|número|móvil)\s+(personal|privado)\b|\bличн\w+\s+(номер|телефон)|رقمه\s+الخاص|رقمها\s+الخاص|"
                  r"私人(手机|电话)|手机号")
_HEALTH = (r"\b(chemo\w*|cancer|tumou?r|surgery|pregnan\w+|miscarr\w+|HIV|rehab|diagnos\w+|psychiatr\w+|in\s+hospital|ICU)\b|"
           r"\b(chimio\w*|cancer|enceinte|fausse\s+couche|séropositi\w+|opérée?|hospitalisée?)\b|"
           r"\b(quimio\w*|cáncer|embarazada|aborto|VIH|operada|hospitalizad[oa])\b|"
           r"химио\w*|онколог\w*|беременн\w*|выкидыш\w*|ВИЧ|операци\w*|"
           r"كيماوي|سرطان|حامل|إجهاض|الإيدز|عملية\s+جراحية|المستشفى|"
           r"化疗|癌|怀孕|流产|艾滋|手术|住院")
_OTHER_PERSON = (r"@\w+|\b(colleague|coworker|driver|our\s+\w+\s+officer|compañer[oa]|collègue|коллег\w*|водител\w*)\b|"
                 r"زميل\w*|السائق|سائقنا|同事|张姐|[A-Z][a-z]+\s+from\s+(HR|finance|comms)|"
                 r"\bde\s+(RRHH|recursos\s+humanos)|من\s+قسم|\bиз\s+(отдела|кадров)")

# A threat of harm to a person; not when the writer says it is a joke ("jk", "开玩笑的"; "je rigole pas" is no joke).
_THREAT = (r"\bI\s+know\s+where\s+you\s+(live|work|park|sleep)|\b(break|snap|smash)\s+(your|his|her)\s+(\w+\s+)?(legs?|neck|"
           r"fingers|face|teeth|jaw)\b|\bgoing\s+home\s+in\s+an\s+ambulance|\bwait(ing)?\s+(for\s+(you|him|her)\s+)?outside\s+with\b|"
           r"\bwatch\s+your\s+back\b|\byou'?re\s+(a\s+)?dead\s+(man|woman)\b|\bkeep\s+talking\s+and\s+(see|you'?ll)\b|"
           r"\bje\s+(te|lui|vais\s+te|vais\s+lui)\s+(casse|casser|péter|défoncer|buter|crever)\b|\b(lui|leur|te)\s+casser\s+les\s+(genoux|jambes|dents|côtes)\b|"
           r"\bl'attendre\s+à\s+la\s+sortie\b|\bje\s+sais\s+où\s+tu\s+(habites|vis|bosses)|"
           r"\bfais\s+gaffe\s+à\s+(toi|ta\s+gueule)|\bsé\s+dónde\s+vives|\bsé\s+dónde\s+trabajas|\bte\s+(rompo|parto|reviento)\s+(la|las|los|el)\b|"
           r"\b(lo|la|los|te)\s+espero\s+afuera\b|\bcuídate\s+la\s+espalda\b|"
           r"\b(сломаю|переломаю|разобью|сверну|отрежу)\b|знаю,?\s+где\s+ты\s+(живёшь|живешь|работаешь)|\bтебе\s+конец\b|\bурою\b|"
           r"بعرف\s+وين\s+(ساكن|بتسكن|بتشتغل|بتطلع)|أعرف\s+أين\s+تسكن|بكسرلك|بكسر\s+(راسك|إجريك|ايدك)|رح\s+تشوف\s+شو\s+(رح\s+)?(بيصير|يصير)|"
           r"打断(你的|他的|她的)?腿|弄死你|我知道你住(在)?哪|你死定了|等着瞧")
_NOT_JOKING = (r"^(?![\s\S]*(\bjk\b|\bjust\s+kidding\b|\bje\s+rigole(?!\s+pas)|\bc'est\s+pour\s+rire\b|\bes\s+broma\b|\bшучу\b|"
               r"بمزح|(?<!不是)开玩笑))")

# An insult aimed at someone ("you absolute clown", "@x moron", "t'es trop con", "يا حمار", "你这个废物"); not when the post
# laughs with them (banter: "😂", "lol", "ptdr") or reports the insult to condemn it.
_EN_INS = (r"(moron|idiot|imbecile|braindead|scum|bitch|whore|slut|cunt|bastard|dickhead|piece\s+of\s+(shit|garbage|trash)|"
           r"loser|clown|pig|dumbass|dumbfuck|twat|wanker|prick|asshole|arsehole|jackass|fool|freak|degenerate)s?")
_DIRECTED = (rf"\b(you|u|ur|you'?re|your|ya)\s+(are\s+|r\s+|re\s+)?((such|a|an|fucking|fkn|stupid|dumb|little|absolute|bloody|"
            rf"pathetic|fat|ugly)\s+){{0,3}}{_EN_INS}\b|@\w+[\s,:]+((\w+\s+){{0,3}}){_EN_INS}\b|\bshut\s+(up|the\s+fuck\s+up)\b|\bstfu\b|"
            r"\b(t'es|tu\s+es|espèce\s+d[e'])\s*([\w']+\s+){0,2}(con|conne|connard|connasse|salope|pute|abruti\w*|débile|crétin\w*|idiot\w*|"
            r"imbécile|merde|bouffon\w*|minable|ordure|tocard\w*)\b|\bsale\s+(con|conne|pute|arabe|noir|nègre|juif|pd|pédé|gouine|race|"
            r"bougnoule|chien|merde|bâtard)\b|\bta\s+gueule\b|\bferme[-\s]la\b|\bnique\s+ta\b|"
            r"\b(eres|sos|pinche|maldit[oa]|pedazo\s+de)\s+(un[a]?\s+)?(\w+\s+)?(pendej[oa]|imbécil|idiota|puta|cabr[oó]n|gilipollas|"
            r"estúpid[oa]|basura|mierda|subnormal|mongol[oa]|tarad[oa]|perra|zorra|naco|indio)\b|\bcállate\b|\bhijo\s+de\s+puta\b|\bhdp\b|"
            r"\b(ты|вы|ты\s+же)\s+(\w+\s+)?(дебил|идиот|тварь|урод|мразь|сука|скот|дура|дурак|козёл|козел|чмо|лох|шлюха|придурок|"
            r"кретин|ничтожество)\w*|\bзаткнись\b|\bпош[её]л\s+ты\b|"
            r"يا\s*(حمار|كلب|حقير|غبي|غبية|قذر|واطي|خنزير|زبالة|حيوان|تافه|منافق|شرموط\w*|عرص|جزمة|وسخ|حمارة)|اخرس|انقلع|تفو\s+عليك|"
            r"你(这个|个|就是个|真是个|们这些|真|就是)?(傻逼|脑残|垃圾|白痴|蠢货|畜生|贱人|废物|傻子|神经病|人渣|狗东西)|滚(开|蛋|出去)|去死|操你")
_NOT_LAUGHING = r"^(?![\s\S]*(😂|🤣|😆|\blol\b|\blmao\b|\bptdr\b|\bmdr\b|\bjaja|\bхаха|\bахах|哈哈|ههه))"

# Who is travelling or staying: the team, a delegation, the mission, the boss (a family trip is not a security detail).
_PARTY = (rf"{_UN_BODY}|\b(team|delegation|mission|colleagues|boss|chief|convoy|the\s+(unit|office)|délégation|équipe|collègues|"
          r"chef|misi[oó]n|delegaci[oó]n|equipo|compañeros|jef[ea])\b|делегаци\w*|команд\w*|мисси\w*|шеф\w*|коллег\w*|колонн\w*|"
          r"\b(missii|komand\w*|shef\w*|delegac\w*|wafed|wafd|ba3tha|fari2|el\s+team)\b|البعثة|الفريق|الوفد|زملائي|المدير|القافلة|"
          r"团长|代表团|团队|同事|领导|车队")
# Where they stay, to the room, floor, address or night: a room number, a floor, a hotel "until Friday", a guesthouse address.
_DAYS_EN = r"(mon|tues|wednes|thurs|fri|satur|sun)day"
_STAY = (rf"\b(rooms?|suite)\s*(no\.?\s*|#)?\d{{2,4}}\b|\b\d{{1,2}}(st|nd|rd|th)\s+floor\b|\b(whole|entire)\s+(\w+\s+)?floor\b|"
         rf"\b(hotel|guest\s*house|residence|villa|lodge)\b[^.!?\n]{{0,60}}\b(till|until|through|thru)\s+({_DAYS_EN}|tomorrow|\d)|"
         r"\bchambres?\s*(n°\s*)?\d{2,4}\b|\b\d{1,2}(e|ème)\s+étage\b|"
         r"\b(hôtel|résidence|maison\s+d'hôtes)\b[^.!?\n]{0,60}\bjusqu'(à|au)\s+(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain)|"
         r"\bhabitaci[oó]n(es)?\s*\d{2,4}\b|\b(piso|planta)\s+\d{1,2}\b|"
         r"\b(hotel|residencia|casa\s+de\s+huéspedes)\b[^.!?\n]{0,60}\bhasta\s+el\s+(lunes|martes|miércoles|jueves|viernes|sábado|domingo)|"
         r"\bномер\w*\s*\d{3,4}\b|\b\d{1,2}[-\s]?(м|й)?\s*этаж\w*|"
         r"(гостиниц|отел|гостев\w*\s+дом)\w*[^.!?\n]{0,60}\bдо\s+(понедельника|вторника|среды|четверга|пятницы|субботы|воскресенья|завтра)|"
         r"(гостев\w*\s+дом\w*|gostev\w*\s+dom\w*)[^.!?\n]{0,40}\b(на|na|ул\.?|ulitsa|on|rue|calle)\s+\S+\s+\d{1,3}\b|"
         r"غرف(ة|ه)?\s*(رقم\s*)?\d{2,4}|الطابق\s+\S+|"
         r"(فندق|الفندق|دار\s+الضيافة|بيت\s+الضيافة)[^.!?\n]{0,60}(لحد|حتى|لغاية|لبعد)\s+(يوم\s+)?(ال)?(سبت|أحد|احد|اثنين|ثلاثاء|"
         r"أربعاء|اربعاء|خميس|جمعة|بكرة|بكره)|"
         r"房间?号?[^\d\n。！？]{0,6}\d{3,4}|\d{1,2}楼|(酒店|宾馆|招待所|驻地)[^。！？\n]{0,30}(住到|待到|直到)|"
         r"\b(fondo?k?|fundu[qk]|otel|hotel)\b[^.!?\n]{0,40}\b(la7ad|l7ad|lahad|hatta|7atta)\s+(el\s+|al\s+|l)?"
         r"(khamis|5amis|jom3a|jum3a|sabt|a7ad|ahad|tnein|itnein|tlata|talata|arba3a|bokra|bukra)\b")
# Where a moving party is right now, or where it will be tonight ("now passing Khorog, by evening in Murghab").
_EN_ROUTE = (r"\b(now|currently|right\s+now)\s+(passing|crossing|driving\s+(through|past)|going\s+through|at\s+the\s+\w+\s+checkpoint)\b|"
             r"\bby\s+(tonight|this\s+evening|evening|nightfall|noon)\s+(we'?ll|we\s+will)\s+(be|reach|get)\b|"
             r"\b(on\s+)?(passe|traverse)\s+(actuellement|en\s+ce\s+moment)|\bce\s+soir\s+(on\s+sera|nous\s+serons)\s+à\b|"
             r"\b(ahora|ahorita)\s+(pasando|cruzando|pasamos|cruzamos)\b|\b(esta\s+noche|al\s+anochecer)\s+(estaremos|llegamos)\s+a\b|"
             r"\b(сейчас|щас)\s+(проезжаем|пересекаем|стоим\s+на\s+блокпосту)|\bк\s+(вечеру|утру|обеду|ночи)\s+будем\s+в\b|"
             r"(هلق|حاليا|حالياً|الآن|دلوقتي)\s+(عم\s+)?(نمر|بنمر|نقطع|بنعدي)|(بالليل|الليلة|المسا)\s+(منكون|بنكون|سنكون)\s+(في|ب)|"
             r"(现在|正在)(经过|路过|通过)|(晚上|傍晚|天黑前)(就)?(到|抵达)")
# A procurement figure and a steer or comparison that only an insider gives ("lowest so far 180k, go a bit lower").
_TENDER = (r"\b(bids?|bidders?|tenders?|RFP|RFQ|procurement|vendors?|suppliers?|quotes|quotations|contract\s+(value|ceiling))\b|"
           r"\b(offres|appel\s+d'offres|soumission\w*|fournisseurs?|plafond)\b|\b(ofertas?|licitaci[oó]n|cotizaci[oó]n|proveedor\w*|"
           r"techo)\b|тендер\w*|закупк\w*|участник\w*|поставщик\w*|مناقص\w*|العروض|عرض\s+سعر|الموردين|招标|投标|报价|底价|标书|供应商")
_STEER = (r"\b(go|bid|price|come\s+in)\s+(a\s+(bit|little|tad)\s+|just\s+)?(lower|under|below)\b|\badjust\s+(your|the)\s+(offer|bid|price|quote)|"
          r"\b(you'?ll|u'?ll|you\s+will)\s+(win|get\s+it|get\s+the\s+contract)\b|\b(cheaper|lower)\s+than\s+(all\s+)?(the\s+)?(others|rest|competitors?)\b|"
          r"\bhalf\s+the\s+price\b|\blowest\s+(so\s+far|is|one|bid|offer)\b|\b(ceiling|max(imum)?|budget)\s+(is|=)\s*[$€£]?\d|"
          r"\b(ajuste|baisse|descends)\s+(ton|ta|votre|un\s+peu)\b|\bmoins\s+chère?s?\s+que\s+(les\s+)?(autres|concurrents)|"
          r"\bdeux\s+fois\s+moins\s+chère?s?|\bplafond\s+(est|c'est)\b|\bla\s+plus\s+basse\b|"
          r"\bajust[aá]\w*\s+(la|tu|su)\s+(oferta|cotización|precio)|\bel\s+techo\s+es\b|\bm[aá]s\s+barat[oa]\s+que\s+(los|las)\s+(otr[oa]s|demás)|"
          r"\bno\s+te\s+pas(es|és)\b|\bsdelaj\b|\bun\s+poquito\s+por\s+debajo\b|\bpor\s+debajo\s+(de\s+eso|y\s+listo)\b|\bun\s+peu\s+en\s+dessous\b|"
          r"сделай\w*\s+(чуть\s+|немного\s+)?(ниже|дешевле)|самая\s+низкая\s+цена|дешевле\s+(чем\s+)?(у\s+)?(остальных|других|конкурентов)|"
          r"\bпотол(ок|ка)\b|"
          r"(نزّل|نزل|خفض|خفّض)\s+(السعر|سعرك|عرضك)|أقل\s+سعر|أرخص\s+من\s+(الباقي|الباقيين|المنافسين)|السقف\s+(هو\s+)?\d|"
          r"底价|(报价|价格)(再)?(低|压|降)一(点|些)|比(其他|别)(家|人|几家)便宜|预算上限|最低价")
# Knowledge of a decision before its release ("no press release yet, but I know"), or an offer to be quoted on it.
_BEFORE_RELEASE = (r"\b(no\s+press\s+release\s+yet|press\s+release\s+(isn'?t|is\s+not|not)\s+(out|yet)|before\s+(publication|it'?s\s+published|"
                   r"the\s+announcement|it\s+goes\s+public)|(announced|announcement|goes\s+public)\s+(only\s+)?(after|next\s+week)|"
                   r"I\s+know\s+for\s+(sure|a\s+fact)|(already|just)\s+(been\s+)?(decided|signed|approved))\b|"
                   r"\b(pas\s+encore\s+de\s+communiqué|avant\s+(la\s+)?publication|c'est\s+(déjà\s+)?(acté|décidé|signé)|"
                   r"l'annonce\s+(ne\s+)?(sera|viendra|se\s+fera)\s+(qu')?après|de\s+source\s+sûre)\b|"
                   r"\b(todav[ií]a\s+no\s+(hay|sali[oó])\s+(el\s+)?comunicado|antes\s+de\s+(la\s+)?publicaci[oó]n|ya\s+est[aá]\s+(decidido|firmado)|"
                   r"de\s+buena\s+fuente)\b|"
                   r"пресс-релиза\s+(ещ[её]\s+|пока\s+)?нет|до\s+публикации|уже\s+(решено|подписано)|точно\s+знаю|"
                   r"\b(official\s+)?announcement\s+(to\s+follow|comes\s+later|next\s+week)|"
                   r"\bl'annonce\s+officielle\s+suivra|\bel\s+anuncio\s+oficial\s+(llegará|vendrá)\s+después|الإعلان\s+الرسمي\s+(بعدين|لاحقا|لاحقاً)|"
                   r"официальн\w+\s+объявлени\w+\s+(будет\s+)?позже|先跟大家(说|說)一声|正式(公告|通知)(之后|稍后|隨後|随后)|"
                   r"\bnot\s+(yet\s+)?official\s+(yet\s+)?(but|though)\b|\bpas\s+encore\s+officiel|\b(todav[ií]a|a[uú]n)\s+no\s+es\s+oficial|"
                   r"\bпока\s+не\s+официально|\bещ[её]\s+не\s+(объявили|объявлено)|لسا\s+مش\s+رسمي|لم\s+يعلن\s+بعد|مش\s+رسمي\s+بس|"
                   r"还没正式|還沒正式|尚未(公布|公告)|"
                   r"الإعلان\s+بعد|قبل\s+(النشر|الإعلان)|انوق?ّ?ع|تم\s+التوقيع|من\s+مصدر\s+موثوق|اتقرر|"
                   r"透个底|已经定了|还没(公布|宣布|发通稿)|内部消息|发布前")
_ORG_MATTER = (rf"{_UN_BODY}|{_OUR_WORK}|\b(agency|programme|program|office|project|operations?|distribution|activities|report|"
               r"staff|team|unit|posts?|contracts?|memo|appointed|appointment|selected|shortlist\w*|l'agence|projet|bureau|activités|"
               r"rapport|mémo|nomm\w+|la\s+agencia|programa|proyecto|oficina|distribuci[oó]n|nombra\w*|firmaron|representante)\b|"
               r"программ\w*|проект\w*|офис\w*|доклад\w*|агентств\w*|отдел\w*|назнач\w*|выбрали|приказ\w*|"
               r"الوكالة|البرنامج|المشروع|التوزيع|المكتب|الفريق|القرار|تعيين|مذكرة|项目|办公室|机构|报告|团队|我们|任命|被选为|人事|备忘录|"
               r"我們|機構|項目|辦公室|報告|團隊|人事")

# A person the post is about who is not the writer and not a public figure: a survivor, a patient, a refugee family.
_BENEFICIARY = (r"\b(survivors?|refugees?|beneficiar(y|ies)|patients?|the\s+(lady|woman|girl|boy|mother|mum|family|twins)\s+(we|from|in)|"
                r"rescapée?s?|survivante?s?|réfugiée?s?|patiente?s?|bénéficiaires?|la\s+(dame|femme|fille|maman)\s+(qu|de)|"
                r"sobrevivientes?|refugiad[oa]s?|pacientes?|beneficiari[oa]s?|la\s+señora|el\s+niño|la\s+niña)\b|"
                r"подопечн\w*|беженк\w*|беженц\w*|пострадавш\w*|пациент\w*|الناجي\w*|لاجئ\w*|اللاجئ\w*|المريض\w*|المستفيد\w*|"
                r"难民|幸存者|病人|患者|受助|那对双胞胎|那位(妈妈|大姐|老人)")
# Where that person can be found or who they are: bed, room, tent, block, shelter by the market; age and village; initials.
_LOCATES = (r"\b(bed|room|tent|block|zone|sector|cuarto|cama|carpa|chambre|lit|tente|bloc|secteur)\s+(no\.?\s*|n°\s*|#)?(?-i:[A-Z]|\d)\d*\b|"
            r"\b(in|at|à|au|dans|en)\s+(our|the|notre|nuestro|el|le|la)\s+(shelter|safe\s*house|albergue|refugio|foyer|abri)\b|"
            r"\b\d{1,2}\s*(years?\s+old|yo|ans|años)\b[^.!?\n]{0,40}\b(from|de|du)\s+\w+|"
            r"\b(койк\w*|палат\w*|палатк\w*|блок\w*)\s+№?\s*(?-i:[А-ЯA-Z]|\d)\d*\b|\b(в\s+)?наш\w*\s+(шелтер\w*|приют\w*)|"
            r"(سرير|خيمة|غرفة|قطاع|بلوك)\s*(رقم\s*)?[0-9٠-٩A-Z]|[٠-٩\d]{1,2}\s*(عاماً|عاما|سنة)[^.!?\n]{0,30}(من\s+قرية|من\s+\S+)|\([^\s()]\.[^\s()]\.?\)|"
            r"\d+号床|(?-i:[A-Z])区|帐篷\d|收容所|庇护所")
# The Organization that preaches what it does not practise ("the organisation that lectures the world on decent work").
_PREACHES = (r"\b(organi[sz]ation|agency|UN|system)\s+(that|which|who)\s+(preaches|lectures|talks\s+about|campaigns\s+for)\b|"
             r"\b(l'organisation|l'agence|l'ONU|le\s+système)\s+qui\s+(prêche|donne\s+des\s+leçons|parle\s+de)\b|"
             r"\b(la\s+organizaci[oó]n|la\s+agencia|la\s+ONU)\s+que\s+(predica|sermonea|habla\s+de)\b|"
             r"организаци\w+,?\s+(которая|что)\s+(проповедует|учит|говорит\s+о)|"
             r"منظمة\s+(بتحكي|تتحدث|تدعو|بتدعو)\s+(عن|إلى|ل)|天天(讲|喊|宣传)[^。！？\n]{0,20}(却|结果|自己)|口口声声")
# Group talk aimed at a colleague ("new guy is Nigerian ... these people"): the colleague and the generalisation.
_COLLEAGUE = (r"\b(colleague|coworker|co-worker|new\s+(guy|girl|hire)|our\s+(boss|manager|director)|compañer[oa]|collègue|"
              r"(on|in)\s+(my|our)\s+(team|unit|office)|open\s*space|de\s+mon\s+(équipe|bureau)|en\s+mi\s+(equipo|oficina)|"
              r"nouve(au|lle)\s+(collègue|recrue)|notre\s+(chef|directrice|directeur))\b|коллег\w*|новеньк\w*|новый\s+сотрудник|"
              r"زميل\w*|مديرتنا|مديرنا|الموظف\s+الجديد|同事|新来的|我们(科长|处长|领导)")
_GENERALISE = (r"\b(these|those)\s+people\b|\bit'?s\s+in\s+(the|their)\s+blood\b|\btypical\s+[A-Z]\w+|\bthey\s+(all|always)\s+(are|do)\b|"
               r"\.\s*typical\s*[.!]?\s*$|\bdans\s+leur\s+ADN\b|\ben\s+su\s+ADN\b|\bу\s+них\s+в\s+крови\b|في\s+دمهم|骨子里|"
               r"\b(esa|esta)\s+gente\b|\btípico\s+de\b|\bces\s+gens(-là)?\b|\btypique\s+des\b|\bзачем\s+таких\b|\bэти\s+(все\s+)?\w+ы\b|"
               r"\bвсе\s+они\b|هدول\s+(الناس|الجماعة)|هيك\s+(الناس|هنن)|(ال)?(نسوان|المرأة|الستات)\s+(ما\s+)?(بتنفع|بتفهم|ما\s+بينفعوا)|"
               r"这些\w{0,3}(人|阿三|黑鬼)|阿三|那种人|女人(就)?(不适合|干不了)")

# A generalisation that praises ("these people know how to cook 😍") is not demeaning.
_NOT_PRAISE = (r"^(?![\s\S]*(😍|❤️|🥰|\bamazing\b|\blove\b|\bknow\s+how\s+to\b|\bthe\s+best\b|\bgénia(l|ux)\b|\bincreíbles?\b|"
               r"\bлучши\w*|\bмолодц\w*|رائع\w*|最棒|厉害))")

# cue name -> (the concerns it can explain, the patterns that must all match)
PAIRS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "trades-on-un": (("un-name-emblem",), (_UN_BODY, _SELLS)),
    "speaks-for-un": (("unauthorized-statement",), (rf"{_UN_BODY}|{_OUR_WORK}", _SPEAKS, _SELF)),
    "claims-un-position": (("unauthorized-statement",), (_CLAIMS, rf"{_UN_BODY}|{_OUR_WORK}|\b(I\s+work|je\s+bosse|trabajo|"
                                                                 r"я\s+работаю)\b|بشتغل|我在")),
    "bypasses-comms": (("unauthorized-statement",), (_NO_CLEARANCE, _SPEAKS)),
    "favouritism": (("workplace-grievance",), (_HIRING, _FAVOURS)),
    "press-threat": (("workplace-grievance",), (_EXPOSE, _PRESS)),
    "personal-contact": (("privacy-of-others",), (_PHONE, _PERSONAL_LINE)),
    "health-of-another": (("privacy-of-others",), (_HEALTH, _OTHER_PERSON)),
    "threat": (("offensive-conduct",), (_THREAT, _NOT_JOKING)),
    "stay-details": (("security-risk",), (_STAY, _PARTY)),
    "route-now": (("security-risk",), (_EN_ROUTE, _PARTY)),
    "steers-tender": (("confidential-info",), (_TENDER, _STEER)),
    "before-release": (("confidential-info",), (_BEFORE_RELEASE, _ORG_MATTER)),
    "locates-person": (("privacy-of-others",), (_BENEFICIARY, _LOCATES)),
    "preaches-not-practises": (("workplace-grievance",), (_PREACHES,)),
    "demeans-colleague": (("offensive-conduct", "workplace-grievance"), (_COLLEAGUE, _GENERALISE, _NOT_PRAISE)),
    "insults-someone": (("offensive-conduct",), (_DIRECTED, _NOT_JOKING, _NOT_LAUGHING, "^(?![\\s\\S]*(" + CONDEMN + "))")),
}
