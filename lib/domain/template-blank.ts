/**
 * A blank a reply template leaves for staff to fill ("【请填写：…】", "[fill in: …]"): a reply still holding one is
 * unfinished and is not sent (lib/workflow/machine.ts). Pure; the templates' defaults are in the `staff` catalogs.
 */
const BLANK = /【请填写[^】]*】|\[fill in:[^\]]*\]/i;

export const hasTemplateBlank = (text: string) => BLANK.test(text);
