/**
 * English for the designer's own strings, which are written in Chinese (Chinese first): the 共治设置 group, the
 * assignment-rule builder and its hints. bpmn-js's own strings are English already.
 */
export const EN: Record<string, string> = {
  共治设置: 'Gongzhi', 表单: 'Form', 版本绑定: 'Version binding', 分配规则: 'Assignment rule', 角色: 'Role',
  单位编号: 'Unit id', 用户或组编号: 'User or group id', 办理时限: 'Time limit', 计时方式: 'Clock',
  '黄牌预警（已用时限比例）': 'Warning at (share of the limit)', 预填映射编号: 'Prefill mapping id', 提交映射编号: 'Submission mapping id',
  '（未选择）': '(none)', '（表单列表暂不可用）': '(form list unavailable)', '（未设置）': '(not set)', '（选择角色）': '(choose a role)',
  '（角色列表暂不可用）': '(role list unavailable)', 用户任务必须绑定表单: 'A user task needs a form', 用户任务必须设置分配规则: 'A user task needs an assignment rule',
  '最新发布版本（当前第 {n} 版）': 'Latest published (now v{n})', '最新发布版本（尚未发布）': 'Latest published (none yet)', '固定为第 {n} 版': 'Pinned to v{n}',
  工作日: 'Working days', 工作小时: 'Working hours', '自然小时（紧急）': 'Natural hours (urgent)',
  '映射编号：字母开头，可含字母、数字、_ . -': 'Mapping id: a letter, then letters, digits, _ . -',
  案件所属单位的角色: "Role at the case's unit", 指定单位的角色: 'Role at a unit', 派遣部门负责人: 'Head of the dispatched department',
  上级单位负责人: "Head of the case unit's parent", 发起人所在单位负责人: "Head of the starter's unit", '指定用户或组（编号）': 'A user or group (id)',
  'FEEL 表达式（在“分配”组中编辑）': 'FEEL expression (edit it in Assignment)', 请选择角色: 'Choose a role', 请选择单位: 'Choose a unit', 请填写一个编号: 'Enter one id',
};
