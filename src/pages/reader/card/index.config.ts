export default definePageConfig({
  navigationBarTitleText: '生成卡片',
})
