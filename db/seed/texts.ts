import type { RefusalReason, RequestType } from "@/lib/domain";

/** Words of patients and staff in the seeded requests. */

export const DESCRIPTIONS: Record<RequestType, { zh: readonly string[]; en: readonly string[] }> = {
  access: {
    zh: [
      "我想查阅并复制我在平台上的问诊记录和处方，方便到线下医院复诊时使用。",
      "请提供我的个人信息副本，包括账户资料、订单和收货地址。",
      "想了解平台保存了我哪些个人信息，请按类别提供。",
    ],
    en: ["Please send me a copy of my consultation records and prescriptions.", "I would like a copy of all personal information you hold about me."],
  },
  portability: {
    zh: ["我要转到另一家医院继续治疗，请把我的问诊和处方记录以通用格式导出。", "请将我的健康档案导出为机器可读格式，我要转移到其他健康管理平台。"],
    en: ["Please export my records in a machine-readable format so I can move them to another provider."],
  },
  correction: {
    zh: ["我的个人资料有误，请帮我更正。", "收货地址的门牌号写错了，请更正。", "问诊记录里的主诉不完整，需要补充。"],
    en: ["Some of my profile details are wrong, please correct them."],
  },
  deletion: {
    zh: [
      "我已经不再使用平台的服务，请删除我的浏览记录和问诊照片。",
      "我撤回了授权，请删除相关个人信息。",
      "请删除我的舌象和面部照片，我不希望这些照片继续保存。",
    ],
    en: ["I no longer use the service. Please delete my browsing history and photos."],
  },
  consent: {
    zh: ["请关闭营销推送和个性化推荐，我不同意继续使用我的信息做推荐。", "撤回通讯录和位置权限的授权。"],
    en: ["I withdraw my consent to marketing and personalised recommendations."],
  },
  cancellation: {
    zh: ["我要注销小鹿中医账户，请删除我的个人信息。", "不再使用了，申请注销账户。"],
    en: ["Please close my account and delete my data."],
  },
  automated_decision: {
    zh: [
      "为什么我下单时被风控拦截了？请说明这个自动决定的依据，我要求人工复核。",
      "系统给我推荐的医生和我的病情不符，请解释推荐的逻辑。",
      "为什么我领不到优惠券？请说明判断依据。",
    ],
    en: ["Please explain the automated decision that blocked my order, and have a person review it."],
  },
  complaint: {
    zh: ["我之前提交的请求处理太慢了，要投诉。", "我没有同意却收到了营销短信，请核查。", "想咨询一下你们把我的处方信息共享给了哪些药房。"],
    en: ["I received marketing messages I never agreed to. Please look into it."],
  },
};

export const ACTING_NOTES = {
  guardian: "我是孩子的母亲（监护人），孩子未满14周岁，现代为提出申请，已上传户口簿作为监护关系证明。",
  close_relative: "我是患者的儿子，父亲已于今年去世，为处理后续事宜需要行使相关权利，已上传死亡证明和亲属关系证明。",
  authorised_agent: "受母亲委托代为办理，已上传经本人签字的授权委托书和双方身份证明。",
} as const;

export const PROOF_FILES = {
  guardian: "户口簿（监护关系证明）.png",
  close_relative: "死亡证明及亲属关系证明.png",
  authorised_agent: "授权委托书.png",
} as const;

export const COMPLETION_NOTES: Record<RequestType, string> = {
  access: "已按您选择的范围导出个人信息副本，可在请求详情页下载（7日内有效）。",
  portability: "已生成机器可读格式（JSON/CSV）的数据包，可下载或按您的指定传输给其他处理者。",
  correction: "已按您的申请更正相关信息。",
  deletion: "已删除您选择的个人信息，并已通知合作药房、物流及支付机构删除。",
  consent: "已按您的要求撤回相关授权。撤回不影响撤回前基于授权已进行的处理。",
  cancellation: "账户已注销，个人信息已删除或匿名化处理（法律规定需保存的病历除外）。",
  automated_decision: "已向您说明该自动化决策的依据、逻辑及对您的影响，并已由人工复核。",
  complaint: "已核实您反映的问题并作出答复，相关问题已整改。",
};

export const PARTIAL_DELETION_NOTE = "浏览记录等已删除；问诊病历和处方依法需保存15年，已限制处理（仅保存，不再用于其他用途），到期后删除。";

const HOW_TO_COMPLAIN = "如对本答复有异议，您可以通过本页面提出投诉，或向网信、卫生健康等主管部门投诉举报。";

export const REFUSAL_TEXTS: Record<RefusalReason, string> = {
  unreasonably_repeated: `您在12个月内已多次提出相同请求且信息未发生变化，根据隐私政策§8.7，本次请求不予处理。${HOW_TO_COMPLAIN}`,
  excessive_technical_means: `所申请的内容需要开发新系统或从根本上改变现行做法才能提供，根据隐私政策§8.7不予处理。${HOW_TO_COMPLAIN}`,
  risks_others_rights: `所申请的信息涉及其他患者的个人信息，提供将损害他人合法权益。${HOW_TO_COMPLAIN}`,
  impractical: `所申请的内容保存在已下线的备份系统中，实际上无法提取。${HOW_TO_COMPLAIN}`,
  national_security: `该请求与国家安全、国防安全相关，依法不予处理。${HOW_TO_COMPLAIN}`,
  public_safety_health: `该请求与公共卫生安全直接相关，依法不予处理。${HOW_TO_COMPLAIN}`,
  criminal_investigation: `相关信息与正在进行的刑事侦查直接相关，依法不予处理。${HOW_TO_COMPLAIN}`,
  malice_or_abuse: `有充分证据表明该请求存在主观恶意或滥用权利。${HOW_TO_COMPLAIN}`,
  serious_harm: `响应该请求将导致您或他人的生命健康受到严重损害。${HOW_TO_COMPLAIN}`,
  trade_secret: `已向您说明决策的主要依据；风控模型的具体参数涉及商业秘密，不予提供。${HOW_TO_COMPLAIN}`,
  identity_not_verified: `我们多次请您补充身份证明，截至目前仍未收到，无法核实您的身份。您可以在补充材料后重新提交。${HOW_TO_COMPLAIN}`,
  legal_retention: `问诊病历和处方属于法定保存期限（15年）内的医疗记录，依法不能删除，已对其限制处理。${HOW_TO_COMPLAIN}`,
  repeat_fee_declined: `本次请求属于12个月内的重复请求，您未接受按隐私政策§8.7收取的成本费用，本次请求不予处理（《个人信息保护法》第五十条）。${HOW_TO_COMPLAIN}`,
};

export const REFUSALS_BY_TYPE: Record<RequestType, readonly (readonly [RefusalReason, number])[]> = {
  access: [
    ["identity_not_verified", 4],
    ["risks_others_rights", 1],
    ["impractical", 1],
  ],
  portability: [
    ["excessive_technical_means", 3],
    ["identity_not_verified", 2],
    ["impractical", 1],
  ],
  correction: [
    ["identity_not_verified", 2],
    ["risks_others_rights", 1],
    ["impractical", 1],
  ],
  deletion: [
    ["legal_retention", 5],
    ["identity_not_verified", 2],
  ],
  consent: [["identity_not_verified", 1]],
  cancellation: [
    ["identity_not_verified", 3],
    ["legal_retention", 1],
  ],
  automated_decision: [
    ["trade_secret", 3],
    ["identity_not_verified", 1],
  ],
  complaint: [
    ["malice_or_abuse", 1],
    ["impractical", 1],
  ],
};

export const STAFF_QUESTIONS = {
  identity: "您好，本请求涉及敏感个人信息。请在页面上完成实名核验（姓名及身份证号后四位），或上传身份证人像面照片。",
  clarification: {
    access: "请问您需要哪个时间段的记录？是否包括舌象和面部照片？",
    portability: "请确认导出格式（JSON 或 CSV）以及接收方的名称。",
    correction: "请提供能够证明正确信息的材料，例如身份证或户口簿相应页面的照片。",
    deletion: "请确认删除范围：仅浏览记录和照片，还是也包括问诊记录？问诊病历依法需保存15年，届时将限制处理。",
    consent: "请确认需要撤回的具体授权项目，撤回后相关功能将无法使用。",
    cancellation: "您的账户尚有未签收的订单或余额。请确认是否放弃余额，我们将在订单签收后为您注销。",
    automated_decision: "请提供被拦截订单的时间或订单号，便于我们定位该次自动化决策。",
    complaint: "请补充说明您收到短信的时间和号码，便于我们核查。",
  },
} as const;

export const PATIENT_ANSWERS = {
  identity: "已完成实名核验，身份证照片也已上传，请查收。",
  clarification: {
    access: "需要近一年的全部记录，包括舌象和面部照片。",
    portability: "请导出为 JSON 格式，接收方是我现在就诊的医院。",
    correction: "已上传身份证照片，请按身份证上的信息更正。",
    deletion: "只删除浏览记录和照片，问诊记录按规定保存即可。",
    consent: "撤回营销推送和个性化推荐，其他授权保留。",
    cancellation: "订单已经签收，余额我已提现，请继续注销。",
    automated_decision: "是上周五晚上八点左右下的单，订单号已截图上传。",
    complaint: "短信是本月10日收到的，发送号码已截图上传。",
  },
} as const;

export const INTERNAL_NOTES = [
  "已与病历管理部门确认：问诊病历在法定保存期限内，删除请求需对病历做限制处理。",
  "已核对实名信息，与平台记录一致。",
  "用户来电催促，已告知预计答复时间。",
  "数据包已导出，待质检后发送。",
  "涉及合作药房的数据，已发函要求同步删除。",
  "风控团队已提供决策说明，模型参数不对外提供。",
];
