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
  // the designer page, the mapping editor, the diff and the deploy status line
  新建流程: 'New process', 打开: 'Open', '已部署的流程…': 'Deployed processes…', 模板: 'Template', '模板库…': 'Template library…',
  派生到所选单位: 'Derive for the selected unit', 与模板对比: 'Compare with template', 部署范围: 'Deploy to', 检查: 'Check', 部署: 'Deploy',
  检查结果: 'Problems', 尚未检查: 'Not checked yet', 与模板的差异: 'Differences from the template', 未从模板派生: 'Not derived from a template',
  与模板相同: 'Same as the template', 版本: 'Versions', 名称: 'Name', 范围: 'Scope', 部署人: 'Deployed by', 时间: 'Time', 尚未部署: 'Not deployed yet',
  '{what}暂不可用': '{what} unavailable', 表单列表: 'Form list', 角色列表: 'Role list', '单位列表暂不可用：无法选择部署范围': 'Unit list unavailable: no deploy scope can be chosen',
  '{name} 预填': '{name} prefill', '{name} 提交': '{name} submission', 没有发现问题: 'No problems found', 错误: 'Error', 警告: 'Warning',
  '（流程库暂不可用，仅列出已部署流程）': '(process library unavailable: deployed processes only)', '已打开 {name}': 'Opened {name}',
  '，派生自 {name}': ', derived from {name}', '，其模板已不可见': ', its template is no longer visible', 新流程: 'New process',
  请先选择模板: 'Choose a template first', '请先选择部署范围（县）': 'Choose the unit (county) first', '已从「{name}」派生': 'Derived from {name}',
  '（流程库派生）': ' (by the library)', '，流程编号 {id}': ', process id {id}', '派生失败：{message}': 'Derive failed: {message}',
  '检查发现 {n} 个错误': '{n} errors found', 检查通过: 'No errors', '存在错误，不能部署：请先修正图上标出的问题': 'Errors block the deployment: fix the problems marked on the diagram',
  请选择部署范围: 'Choose a deploy scope', '已部署：{list}': 'Deployed: {list}', '部署失败：{message}': 'Deploy failed: {message}', '，': ', ', '；': '; ',
  新增: 'added', 已删除: 'removed', 已修改: 'changed',
  '时限表暂不可用：{message}': 'time-limit table unavailable: {message}', '时限表未更新：{message}': 'time-limit table not updated: {message}',
  沿用模板时限表: "template's table copied", '{n} 个环节时限': '{n} step limits', '时限表已更新（{parts}）': 'time-limit table updated ({parts})',
  'JSONata 映射': 'JSONata mapping', '选择一个设置了映射编号的用户任务。': 'Select a user task with a mapping id.', 映射: 'Mapping', 表达式: 'Expression',
  '样例数据（JSON）': 'Sample data (JSON)', 保存映射: 'Save mapping', 结果: 'Result', '样例数据不是合法 JSON：{message}': 'Sample data is not JSON: {message}',
  '错误：{message}': 'Error: {message}', '测试暂不可用：{message}': 'Tester unavailable: {message}', '已保存为第 {n} 版': 'Saved as version {n}',
  '保存失败：{message}': 'Save failed: {message}',
  // the form designer page
  '表单键（英文）': 'Form key (ASCII)', 表单名称: 'Form title', 新建表单: 'New form', 保存草稿: 'Save draft', 发布新版本: 'Publish a version',
  预览: 'Preview', 已发布版本: 'Published versions', 发布人: 'Published by', '（单位列表暂不可用）': '(unit list unavailable)',
  '选择表单…': 'Choose a form…', '（还没有表单）': '(no forms yet)', '{title}（{key}，已发布 {n} 版）': '{title} ({key}, {n} published)',
  尚未发布: 'Not published yet', '第 {n} 版': 'v{n}', '正在编辑 {title}': 'Editing {title}', '已新建表单 {title}': 'Created form {title}',
  '新建失败：{message}': 'Create failed: {message}', 请先选择表单: 'Choose a form first', '草稿已保存，发布前需修正 {n} 个问题': 'Draft saved; fix {n} problems before publishing',
  草稿已保存: 'Draft saved', '已发布第 {n} 版': 'Published v{n}', '发布失败：{message}': 'Publish failed: {message}', '表单列表暂不可用：{message}': 'Form list unavailable: {message}',
};
