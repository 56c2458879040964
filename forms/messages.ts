/** Chinese messages for @formio/core's validation errors (its own i18n table is not part of its public API). */
export interface FormioFieldError {
  ruleName: string;
  errorKeyOrMessage: string;
  context: { path: string; component?: { label?: string; key?: string; errorLabel?: string }; setting?: unknown };
}

const TEMPLATES: Record<string, string> = {
  required: '{field}为必填项',
  pattern: '{field}格式不正确',
  maxLength: '{field}不能超过 {setting} 个字符',
  minLength: '{field}不能少于 {setting} 个字符',
  maxWords: '{field}不能超过 {setting} 个词',
  minWords: '{field}不能少于 {setting} 个词',
  max: '{field}不能大于 {setting}',
  min: '{field}不能小于 {setting}',
  email: '{field}必须是有效的电子邮箱地址',
  url: '{field}必须是有效的网址',
  select: '{field}的选项无效',
  onlyAvailableItems: '{field}的选项无效',
  json: '{field}不符合规则',
  number: '{field}必须是数字',
};

export function messageFor(error: FormioFieldError): string {
  const component = error.context.component ?? {};
  const field = component.errorLabel ?? component.label ?? component.key ?? error.context.path;
  const custom = (component as { validate?: { customMessage?: unknown } }).validate?.customMessage;
  if (typeof custom === 'string' && custom) return custom;
  const template = TEMPLATES[error.ruleName] ?? `{field}: ${error.errorKeyOrMessage}`;
  return template.replace('{field}', field).replace('{setting}', String(error.context.setting ?? ''));
}
