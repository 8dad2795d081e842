"""The names of the domain's codes in the workbooks' languages (workbooks are written
without Qt, so they carry their own words; the interface has its own in ui/labels.py)."""

from __future__ import annotations

from shopdesk.models.enums import ComplaintCategory, ComplaintStatus, ReturnReason, Severity

C, S, St = ComplaintCategory, Severity, ComplaintStatus

REASONS = {
    "en": {r: r.value.replace("_", " ").capitalize() for r in ReturnReason}
    | {ReturnReason.NO_REASON_7_DAYS: "No reason (7 days)"},
    "zh_CN": {
        ReturnReason.NO_REASON_7_DAYS: "七天无理由", ReturnReason.QUALITY_ISSUE: "质量问题",
        ReturnReason.WRONG_ITEM: "发错货", ReturnReason.MISSING_ITEM: "少件/漏发",
        ReturnReason.DAMAGED_IN_TRANSIT: "运输破损", ReturnReason.NOT_AS_DESCRIBED: "与描述不符",
        ReturnReason.SIZE_OR_FIT: "尺码不合适", ReturnReason.CHANGED_MIND: "不想要了",
        ReturnReason.LATE_DELIVERY: "发货/配送太慢", ReturnReason.OTHER: "其他",
    },
}


CATEGORIES = {
    "en": {C.PRODUCT_QUALITY: "Product quality", C.WRONG_ITEM: "Wrong item",
           C.MISSING_ITEM: "Missing item", C.DAMAGED_IN_TRANSIT: "Damaged in transit",
           C.LOGISTICS_DELAY: "Logistics delay", C.DESCRIPTION_MISMATCH: "Not as described",
           C.SERVICE_ATTITUDE: "Service attitude", C.PRICE_DISPUTE: "Price dispute",
           C.AFTER_SALES: "After-sales", C.OTHER: "Other"},
    "zh_CN": {C.PRODUCT_QUALITY: "产品质量", C.WRONG_ITEM: "发错货", C.MISSING_ITEM: "少件/漏发",
              C.DAMAGED_IN_TRANSIT: "运输破损", C.LOGISTICS_DELAY: "物流延误",
              C.DESCRIPTION_MISMATCH: "与描述不符", C.SERVICE_ATTITUDE: "服务态度",
              C.PRICE_DISPUTE: "价格争议", C.AFTER_SALES: "售后问题", C.OTHER: "其他"},
}
SEVERITIES = {
    "en": {S.LOW: "Low", S.NORMAL: "Normal", S.HIGH: "High", S.CRITICAL: "Critical"},
    "zh_CN": {S.LOW: "低", S.NORMAL: "普通", S.HIGH: "高", S.CRITICAL: "紧急"},
}
STATUSES = {
    "en": {St.NEW: "New", St.IN_PROGRESS: "In progress", St.ESCALATED: "Escalated",
           St.RESOLVED: "Resolved", St.CLOSED: "Closed"},
    "zh_CN": {St.NEW: "新建", St.IN_PROGRESS: "处理中", St.ESCALATED: "已升级",
              St.RESOLVED: "已解决", St.CLOSED: "已关闭"},
}
