export default definePageConfig({
  navigationBarTitleText: '访谈',
  enableShareAppMessage: true,
  enableShareTimeline: true,
})
