/** Fixed data the seed draws from: the demo people, TCM cases, places, recipients. All fictional. */
import type { PatientRelationship } from "@/lib/domain/values";

export const STAFF = [
  { key: "admin", role: "admin", email: "admin@xiaolu.example", password: "Demo-Admin-2026", name: "郑海峰" },
  { key: "manager", role: "manager", email: "manager@xiaolu.example", password: "Demo-Manager-2026", name: "孙雅琴" },
  { key: "agent1", role: "agent", email: "agent1@xiaolu.example", password: "Demo-Agent-2026", name: "李思远" },
  { key: "agent2", role: "agent", email: "agent2@xiaolu.example", password: "Demo-Agent-2026", name: "王晓燕" },
] as const;

export type Place = {
  region: string;
  province: string;
  city: string;
  district: string;
  postalCode: string;
  streets: readonly string[];
  pharmacy: string;
};

export const PLACES = {
  bj: {
    region: "110105",
    province: "北京市",
    city: "北京市",
    district: "朝阳区",
    postalCode: "100020",
    streets: ["建国路88号", "朝阳北路101号", "望京街道阜通东大街6号"],
    pharmacy: "小鹿合作药房（北京）",
  },
  sh: {
    region: "310104",
    province: "上海市",
    city: "上海市",
    district: "徐汇区",
    postalCode: "200030",
    streets: ["漕溪北路398号", "肇嘉浜路1065号", "天钥桥路580弄"],
    pharmacy: "小鹿合作药房（上海）",
  },
  gz: {
    region: "440106",
    province: "广东省",
    city: "广州市",
    district: "天河区",
    postalCode: "510620",
    streets: ["天河路385号", "体育西路191号", "林和西路9号"],
    pharmacy: "小鹿合作药房（广州）",
  },
  sz: {
    region: "440305",
    province: "广东省",
    city: "深圳市",
    district: "南山区",
    postalCode: "518052",
    streets: ["南海大道1057号", "科技园中区科苑路15号", "蛇口工业八路222号"],
    pharmacy: "小鹿合作药房（广州）",
  },
  hz: {
    region: "330106",
    province: "浙江省",
    city: "杭州市",
    district: "西湖区",
    postalCode: "310012",
    streets: ["文三路478号", "天目山路176号", "古墩路701号"],
    pharmacy: "小鹿合作药房（上海）",
  },
  cd: {
    region: "510107",
    province: "四川省",
    city: "成都市",
    district: "武侯区",
    postalCode: "610041",
    streets: ["人民南路四段27号", "科华北路65号", "玉林南路12号"],
    pharmacy: "小鹿合作药房（成都）",
  },
  wh: {
    region: "420106",
    province: "湖北省",
    city: "武汉市",
    district: "武昌区",
    postalCode: "430061",
    streets: ["中南路99号", "武珞路628号", "徐东大街18号"],
    pharmacy: "小鹿合作药房（成都）",
  },
  nj: {
    region: "320102",
    province: "江苏省",
    city: "南京市",
    district: "玄武区",
    postalCode: "210018",
    streets: ["中山路18号", "珠江路88号", "北京东路41号"],
    pharmacy: "小鹿合作药房（上海）",
  },
  xa: {
    region: "610113",
    province: "陕西省",
    city: "西安市",
    district: "雁塔区",
    postalCode: "710061",
    streets: ["小寨西路26号", "长安南路86号", "高新路52号"],
    pharmacy: "小鹿合作药房（成都）",
  },
  qd: {
    region: "370202",
    province: "山东省",
    city: "青岛市",
    district: "市南区",
    postalCode: "266071",
    streets: ["香港中路76号", "东海西路15号", "延安三路234号"],
    pharmacy: "小鹿合作药房（北京）",
  },
} as const satisfies Record<string, Place>;
export type PlaceKey = keyof typeof PLACES;

export type Gender = "male" | "female";

export type PatientSpec = {
  name: string;
  gender: Gender;
  birthDate: string;
  place: PlaceKey;
  nickname: string;
  email?: string;
};

/** The twenty demo patients, phones 19900000001 … 19900000020 in this order. */
export const PATIENTS: readonly PatientSpec[] = [
  { name: "王秀英", gender: "female", birthDate: "1968-03-12", place: "bj", nickname: "秀英" },
  { name: "李建国", gender: "male", birthDate: "1962-11-05", place: "sh", nickname: "老李" },
  { name: "张伟", gender: "male", birthDate: "1985-07-21", place: "gz", nickname: "张伟Wei", email: "zhangwei85@example.com" },
  { name: "刘洋", gender: "female", birthDate: "1991-02-14", place: "sz", nickname: "洋洋" },
  { name: "陈静", gender: "female", birthDate: "1988-09-30", place: "hz", nickname: "一诺妈妈" },
  { name: "杨帆", gender: "male", birthDate: "1979-12-02", place: "cd", nickname: "一帆风顺" },
  { name: "赵敏", gender: "female", birthDate: "1995-05-08", place: "wh", nickname: "敏敏", email: "zhaomin@example.com" },
  { name: "黄志强", gender: "male", birthDate: "1973-04-17", place: "nj", nickname: "志强" },
  { name: "周婷", gender: "female", birthDate: "1999-10-23", place: "xa", nickname: "婷婷不加糖" },
  { name: "吴俊杰", gender: "male", birthDate: "1982-08-09", place: "qd", nickname: "俊杰" },
  { name: "徐丽娟", gender: "female", birthDate: "1970-01-28", place: "bj", nickname: "丽娟" },
  { name: "孙浩然", gender: "male", birthDate: "2001-06-15", place: "sh", nickname: "浩然之气", email: "sunhaoran01@example.com" },
  { name: "马晓梅", gender: "female", birthDate: "1986-03-03", place: "cd", nickname: "晓梅" },
  { name: "朱文博", gender: "male", birthDate: "1990-11-11", place: "hz", nickname: "文博" },
  { name: "胡桂兰", gender: "female", birthDate: "1955-07-07", place: "wh", nickname: "桂兰" },
  { name: "郭子豪", gender: "male", birthDate: "1997-02-27", place: "gz", nickname: "豪哥" },
  { name: "林雅琪", gender: "female", birthDate: "1993-12-19", place: "sz", nickname: "Yaqi", email: "linyaqi@example.com" },
  { name: "何明辉", gender: "male", birthDate: "1966-09-14", place: "nj", nickname: "明辉" },
  { name: "高欣怡", gender: "female", birthDate: "2004-04-02", place: "xa", nickname: "欣怡" },
  { name: "罗振华", gender: "male", birthDate: "1958-05-25", place: "qd", nickname: "振华" },
];

/** Demo patient numbers (1-based) with special roles in the story. */
export const GUARDIAN = 5; // 陈静, mother of 周一诺 (9)
export const CLOSE_RELATIVE = 8; // 黄志强, son of the late 黄德福
export const AGENT_FOR = 17; // 林雅琪, authorised by her mother 郑淑芬
export const ONGOING_CONSULTATION = 13; // 马晓梅
export const SHIPPED_ORDER = 14; // 朱文博

/** People a patient acts for: platform accounts without a portal user. */
export const DEPENDANTS = [
  {
    actor: GUARDIAN,
    relationship: "guardian",
    spec: { name: "周一诺", gender: "female", birthDate: "2017-06-18", place: "hz", nickname: "一诺" },
    phone: null,
    note: "女儿，9岁",
  },
  {
    actor: CLOSE_RELATIVE,
    relationship: "close_relative",
    spec: { name: "黄德福", gender: "male", birthDate: "1941-01-26", place: "nj", nickname: "德福" },
    phone: "19900000101",
    note: "父亲，已故",
  },
  {
    actor: AGENT_FOR,
    relationship: "authorised_agent",
    spec: { name: "郑淑芬", gender: "female", birthDate: "1961-08-30", place: "sz", nickname: "淑芬" },
    phone: "19900000102",
    note: "母亲，书面授权委托",
  },
] as const;

/**
 * 就诊人 (policy §3.3): family members demo accounts consult for — children under 14 and of 14–17, and parents
 * — with consultations, photos and prescriptions of their own, and no account. `holder` is the demo patient's
 * number (1-based); an ID number is on record where `idNumber` is true. Birth dates keep each child in their age
 * band on every date the tests run at (2025–2027).
 */
export const FAMILY_MEMBERS: readonly {
  holder: number;
  relationship: PatientRelationship;
  spec: PatientSpec;
  idNumber: boolean;
}[] = [
  {
    holder: 5,
    relationship: "child",
    spec: { name: "周一航", gender: "male", birthDate: "2010-03-15", place: "hz", nickname: "一航" },
    idNumber: true,
  },
  {
    holder: 3,
    relationship: "child",
    spec: { name: "张子涵", gender: "female", birthDate: "2018-04-12", place: "gz", nickname: "子涵" },
    idNumber: false,
  },
  {
    holder: 3,
    relationship: "parent",
    spec: { name: "张国栋", gender: "male", birthDate: "1956-02-08", place: "gz", nickname: "国栋" },
    idNumber: true,
  },
  {
    holder: 10,
    relationship: "child",
    spec: { name: "吴思远", gender: "male", birthDate: "2009-11-02", place: "qd", nickname: "思远" },
    idNumber: true,
  },
  {
    holder: 10,
    relationship: "child",
    spec: { name: "吴思琪", gender: "female", birthDate: "2015-11-02", place: "qd", nickname: "思琪" },
    idNumber: false,
  },
  {
    holder: 7,
    relationship: "parent",
    spec: { name: "赵淑华", gender: "female", birthDate: "1966-10-21", place: "wh", nickname: "淑华" },
    idNumber: true,
  },
];

export const DOCTORS: Record<string, readonly string[]> = {
  脾胃科: ["刘文华", "高明远"],
  妇科: ["沈静怡", "许慧兰"],
  皮肤科: ["宋立群", "韩雪"],
  针灸科: ["魏长青", "唐志刚"],
  内科: ["程国栋", "蒋素芬"],
  儿科: ["方晓红", "邓子明"],
  失眠专科: ["叶清风"],
};

export type TcmCase = {
  department: keyof typeof DOCTORS;
  complaint: string;
  diagnosis: string;
  formula: string;
  herbs: readonly (readonly [string, number])[];
  patientLine: string;
  doctorLine: string;
  tongue: readonly [number, number, number];
  child?: boolean;
};

export const CASES: readonly TcmCase[] = [
  {
    department: "脾胃科",
    complaint: "胃脘胀痛，食后加重，嗳气",
    diagnosis: "肝胃不和证",
    formula: "柴胡疏肝散加减",
    herbs: [
      ["柴胡", 10],
      ["白芍", 12],
      ["枳壳", 10],
      ["陈皮", 9],
      ["川芎", 9],
      ["香附", 10],
      ["炙甘草", 6],
    ],
    patientLine: "最近一个月胃胀得厉害，吃完饭更明显，老打嗝，心情不好的时候更重。",
    doctorLine: "从舌象看舌淡红、苔薄白，脉弦。属肝胃不和，先疏肝和胃，饮食清淡，七分饱。",
    tongue: [214, 120, 122],
  },
  {
    department: "失眠专科",
    complaint: "失眠多梦，心悸健忘",
    diagnosis: "心脾两虚证",
    formula: "归脾汤加减",
    herbs: [
      ["黄芪", 15],
      ["党参", 12],
      ["白术", 12],
      ["当归", 10],
      ["茯神", 15],
      ["远志", 6],
      ["酸枣仁", 15],
      ["龙眼肉", 10],
      ["木香", 6],
      ["炙甘草", 6],
    ],
    patientLine: "晚上入睡要一两个小时，梦很多，白天没精神，记性也变差了。",
    doctorLine: "舌淡苔薄，面色少华，属心脾两虚。睡前不要看手机，可以配合按揉神门、三阴交。",
    tongue: [226, 160, 160],
  },
  {
    department: "妇科",
    complaint: "月经不调，经前乳房胀痛",
    diagnosis: "肝郁脾虚证",
    formula: "逍遥散加减",
    herbs: [
      ["柴胡", 10],
      ["当归", 10],
      ["白芍", 12],
      ["白术", 10],
      ["茯苓", 15],
      ["薄荷", 6],
      ["炙甘草", 6],
      ["生姜", 3],
    ],
    patientLine: "月经周期不太准，经前一周乳房胀痛，容易烦躁，胃口一般。",
    doctorLine: "舌淡红苔薄白，脉弦细，属肝郁脾虚。经前一周开始服药，注意情绪调节。",
    tongue: [218, 130, 130],
  },
  {
    department: "皮肤科",
    complaint: "面部痤疮反复发作",
    diagnosis: "肺经风热证",
    formula: "枇杷清肺饮加减",
    herbs: [
      ["枇杷叶", 12],
      ["桑白皮", 12],
      ["黄芩", 10],
      ["栀子", 9],
      ["连翘", 12],
      ["生甘草", 6],
    ],
    patientLine: "脸上反复长痘，额头和下巴多，熬夜以后更严重。",
    doctorLine: "舌红苔薄黄，属肺经风热。少吃甜食和油炸食品，规律作息，不要挤压。",
    tongue: [200, 80, 85],
  },
  {
    department: "皮肤科",
    complaint: "湿疹瘙痒，夜间加重",
    diagnosis: "湿热浸淫证",
    formula: "消风散加减",
    herbs: [
      ["荆芥", 10],
      ["防风", 10],
      ["苦参", 9],
      ["蝉蜕", 6],
      ["生地黄", 15],
      ["当归", 10],
      ["白鲜皮", 15],
      ["甘草", 6],
    ],
    patientLine: "手臂和小腿起红疹，很痒，晚上痒得睡不着，抓破了会渗水。",
    doctorLine: "舌红苔黄腻，属湿热浸淫。忌食海鲜、辛辣，洗澡水温不要太高。",
    tongue: [205, 95, 90],
  },
  {
    department: "针灸科",
    complaint: "颈肩酸痛，转头不利",
    diagnosis: "风寒痹阻证",
    formula: "葛根汤加减（配合针灸）",
    herbs: [
      ["葛根", 20],
      ["麻黄", 6],
      ["桂枝", 10],
      ["白芍", 12],
      ["生姜", 9],
      ["大枣", 10],
      ["炙甘草", 6],
    ],
    patientLine: "长期伏案工作，脖子和肩膀又酸又硬，受凉以后更疼。",
    doctorLine: "舌淡苔薄白，属风寒痹阻。建议到线下门诊针灸，每周两次，注意颈部保暖。",
    tongue: [222, 150, 148],
  },
  {
    department: "内科",
    complaint: "咳嗽痰多，胸闷",
    diagnosis: "痰湿蕴肺证",
    formula: "二陈汤合三子养亲汤加减",
    herbs: [
      ["法半夏", 9],
      ["陈皮", 10],
      ["茯苓", 15],
      ["苍术", 10],
      ["厚朴", 10],
      ["紫苏子", 9],
      ["莱菔子", 9],
      ["甘草", 6],
    ],
    patientLine: "咳嗽两周了，痰白而多，早上起来最明显，胸口闷。",
    doctorLine: "舌淡苔白腻，脉滑，属痰湿蕴肺。忌生冷甜腻，如出现发热、气促请及时线下就诊。",
    tongue: [225, 170, 165],
  },
  {
    department: "脾胃科",
    complaint: "大便溏薄，神疲乏力",
    diagnosis: "脾胃虚弱证",
    formula: "参苓白术散加减",
    herbs: [
      ["党参", 15],
      ["白术", 12],
      ["茯苓", 15],
      ["山药", 15],
      ["莲子", 10],
      ["薏苡仁", 20],
      ["砂仁", 6],
      ["桔梗", 6],
      ["白扁豆", 12],
      ["炙甘草", 6],
    ],
    patientLine: "大便一直不成形，一天两三次，吃点凉的就拉肚子，总觉得累。",
    doctorLine: "舌淡胖有齿痕，苔白，属脾胃虚弱。少食生冷，可以用山药、小米煮粥。",
    tongue: [230, 175, 170],
  },
  {
    department: "内科",
    complaint: "头晕耳鸣，腰膝酸软",
    diagnosis: "肝肾阴虚证",
    formula: "六味地黄丸加减",
    herbs: [
      ["熟地黄", 24],
      ["山茱萸", 12],
      ["山药", 12],
      ["泽泻", 9],
      ["牡丹皮", 9],
      ["茯苓", 9],
      ["枸杞子", 12],
    ],
    patientLine: "经常头晕，耳朵里嗡嗡响，腰酸腿软，晚上口干。",
    doctorLine: "舌红少苔，脉细数，属肝肾阴虚。请同时监测血压，避免熬夜。",
    tongue: [198, 78, 80],
  },
  {
    department: "妇科",
    complaint: "经行腹痛，畏寒肢冷",
    diagnosis: "寒凝血瘀证",
    formula: "少腹逐瘀汤加减",
    herbs: [
      ["小茴香", 6],
      ["干姜", 6],
      ["延胡索", 10],
      ["当归", 10],
      ["川芎", 9],
      ["肉桂", 3],
      ["赤芍", 10],
      ["蒲黄", 10],
      ["五灵脂", 10],
    ],
    patientLine: "每次来月经第一天肚子很痛，手脚冰凉，有血块。",
    doctorLine: "舌暗苔白，属寒凝血瘀。经期注意保暖，经前三天开始服药。",
    tongue: [190, 110, 130],
  },
  {
    department: "内科",
    complaint: "口干口苦，急躁易怒",
    diagnosis: "肝火上炎证",
    formula: "龙胆泻肝汤加减",
    herbs: [
      ["龙胆", 6],
      ["黄芩", 9],
      ["栀子", 9],
      ["泽泻", 12],
      ["车前子", 9],
      ["当归", 6],
      ["生地黄", 12],
      ["柴胡", 6],
      ["甘草", 6],
    ],
    patientLine: "早上起来嘴里发苦，眼睛干涩，最近工作压力大，脾气很急。",
    doctorLine: "舌红苔黄，脉弦数，属肝火上炎。中病即止，不宜久服，服药期间忌酒。",
    tongue: [195, 70, 72],
  },
  {
    department: "儿科",
    complaint: "纳差，脘腹胀满，口臭",
    diagnosis: "乳食内积证",
    formula: "保和丸加减",
    herbs: [
      ["山楂", 9],
      ["神曲", 9],
      ["莱菔子", 6],
      ["陈皮", 6],
      ["法半夏", 6],
      ["茯苓", 9],
      ["连翘", 6],
    ],
    patientLine: "孩子最近不爱吃饭，肚子胀，早上口气重，大便有点干。",
    doctorLine: "舌红苔厚腻，属乳食内积。饮食要定时定量，少吃零食。",
    tongue: [215, 115, 118],
    child: true,
  },
];

export const FACE_COLOURS: readonly (readonly [number, number, number])[] = [
  [232, 196, 160],
  [224, 184, 150],
  [240, 205, 175],
  [214, 172, 140],
];

export const INSTRUCTIONS = [
  "每日1剂，水煎取汁400ml，分早晚两次饭后温服。忌辛辣油腻、生冷。",
  "每日1剂，水煎两次，共取汁300ml，早晚饭后半小时温服。服药期间忌酒。",
  "代煎包装，每袋200ml，每日2次，每次1袋，加热后饭后服用。",
];

export const LOGISTICS = ["顺丰速运", "京东物流", "中国邮政EMS"] as const;
export const PAYMENT_PROVIDERS = ["微信支付", "支付宝"] as const;

export const BANKS = [
  { bankName: "中国工商银行", prefix: "6222", cardType: "借记卡" },
  { bankName: "招商银行", prefix: "6225", cardType: "信用卡" },
  { bankName: "中国建设银行", prefix: "6217", cardType: "借记卡" },
  { bankName: "中国银行", prefix: "6216", cardType: "借记卡" },
  { bankName: "中国农业银行", prefix: "6228", cardType: "借记卡" },
] as const;

export const PAGES = [
  "/home",
  "/consult/departments",
  "/consult/doctors/{doctor}",
  "/articles/tcm-sleep-tips",
  "/articles/spleen-stomach-diet",
  "/articles/autumn-dryness",
  "/shop/herbal-tea",
  "/orders",
  "/prescriptions",
  "/appointments/new",
  "/me/profile",
  "/me/coupons",
  "/search?q={complaint}",
] as const;

export const USER_AGENTS = [
  "XiaoluTCM/5.3.1 (iPhone; iOS 17.5; Scale/3.00)",
  "XiaoluTCM/5.3.0 (Android 14; HUAWEI Mate 60)",
  "Mozilla/5.0 (Linux; Android 13; V2185A) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36 MicroMessenger/8.0.47",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 MicroMessenger/8.0.44",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36",
] as const;

export const CONSENT_DEFAULTS: Record<string, number> = {
  device_location: 0.5,
  device_contacts: 0.15,
  device_camera: 0.85,
  device_notifications: 0.7,
  device_microphone: 0.6,
  device_storage: 0.8,
  personalised_recommendations: 0.55,
  marketing: 0.3,
  share_partner_pharmacies: 0.9,
};

/** Bench users (large mode): realistic names from common surnames and given names. */
export const SURNAMES =
  "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文".split(
    "",
  );
export const GIVEN_NAMES = [
  "伟",
  "芳",
  "娜",
  "秀英",
  "敏",
  "静",
  "丽",
  "强",
  "磊",
  "军",
  "洋",
  "勇",
  "艳",
  "杰",
  "娟",
  "涛",
  "明",
  "超",
  "秀兰",
  "霞",
  "平",
  "刚",
  "桂英",
  "浩然",
  "子涵",
  "欣怡",
  "梓萱",
  "宇轩",
  "雨桐",
  "俊杰",
  "思远",
  "晓燕",
  "文博",
  "雅琪",
  "志强",
  "建华",
  "丽娟",
  "海燕",
  "国强",
  "淑珍",
  "春梅",
  "立新",
  "婷婷",
  "嘉怡",
  "一诺",
  "子豪",
  "晨曦",
  "佳琪",
  "明辉",
  "振华",
];
