export default definePageConfig({
  navigationBarTitleText: '写想法',
})
