// The 文号 rule without a validation library: the dialogs show its hint before
// the (lazily loaded) schema that enforces it arrives.

/**
 * 机关代字〔年份〕序号号, as GB/T 9704-2012 §7.2.4 writes it: the year in full
 * inside 六角括号 〔〕, the number without 第 and without leading zeros.
 */
export const DOCUMENT_NUMBER = /^([\u4e00-\u9fff]{1,12})〔(\d{4})〕([1-9]\d{0,4})号$/;

export const DOCUMENT_NUMBER_HINT =
  "文号应写作“机关代字〔年份〕序号号”，如：示政发〔2027〕1号（年份用六角括号〔〕，序号不加“第”字、不编虚位）";
