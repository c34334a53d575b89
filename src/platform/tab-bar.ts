import Taro from '@tarojs/taro'

/**
 * The tabBar's labels. WeChat allows this only while a tab page is on top (`setTabBarItem:fail not
 * TabBar page`), so tab pages call it as they show; false when any label was refused.
 */
export async function setTabLabels(labels: readonly string[]): Promise<boolean> {
  const results = await Promise.all(
    labels.map((text, index) =>
      Taro.setTabBarItem({ index, text }).then(
        () => true,
        () => false,
      ),
    ),
  )
  return results.every(Boolean)
}
