export default definePageConfig({
  navigationBarTitleText: '关于栏目',
})
