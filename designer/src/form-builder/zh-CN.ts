/** zh-CN strings of the Form.io builder (sidebar groups, component names, edit dialog) and of rendered forms. */
export const FORMIO_ZH_CN: Record<string, string> = {
  // builder chrome
  searchFields: '搜索组件', dragAndDropComponent: '拖放组件到此处', noMatchesFound: '没有匹配的组件',
  save: '保存', cancel: '取消', remove: '删除', preview: '预览', help: '帮助', component: '组件',
  showPreview: '显示预览', hidePreview: '隐藏预览', copy: '复制', pasteBelow: '粘贴到下方', edit: '编辑', editJson: '编辑 JSON', move: '移动',
  page: '页', createPage: '新建页',
  // sidebar groups
  Basic: '基础', Advanced: '高级', Layout: '布局', Data: '数据', Premium: '高级版',
  // components
  'Text Field': '单行文本', 'Text Area': '多行文本', Number: '数字', Password: '密码', Checkbox: '复选框',
  'Select Boxes': '多选框组', Select: '下拉选择', Radio: '单选', Button: '按钮', Email: '邮箱', Url: '网址',
  'Phone Number': '电话号码', Tags: '标签', Address: '地址', 'Date / Time': '日期时间', Day: '日', Time: '时间',
  Currency: '金额', Survey: '问卷', Signature: '签名', HTML: 'HTML', Content: '内容', Columns: '分栏',
  'Field Set': '字段组', Panel: '面板', Table: '表格', Tabs: '标签页', Well: '容器框', Hidden: '隐藏字段',
  Container: '容器', 'Data Map': '数据映射', 'Data Grid': '数据网格', 'Edit Grid': '可编辑网格', File: '文件',
  Submit: '提交',
  // edit dialog
  Display: '显示', Validation: '校验', API: '接口', Conditional: '条件', Logic: '逻辑',
  Label: '标签', 'Label Position': '标签位置', Placeholder: '占位提示', Description: '说明', Tooltip: '提示',
  'Prefix': '前缀', 'Suffix': '后缀', 'Default Value': '默认值', Required: '必填', 'Property Name': '属性名',
  'Disabled': '禁用', 'Multiple Values': '多值', 'Input Mask': '输入掩码',
  'Minimum Length': '最小长度', 'Maximum Length': '最大长度', 'Regular Expression Pattern': '正则表达式',
  'Custom Error Message': '自定义错误信息', 'Data Source Type': '数据来源', Values: '选项值', Value: '值',
  'Add Another': '再添加一项', 'Preview': '预览', 'Help': '帮助',
  // rendered forms
  submit: '提交', complete: '提交成功', error: '提交前请修正以下错误。', required: '{{field}} 为必填项',
  next: '下一步', previous: '上一步',
};
