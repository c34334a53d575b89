import { View, Text } from '@tarojs/components'
import { useState } from 'react'

export default function Index() {
  const [n, setN] = useState(0)
  return (
    <View className="p" onClick={() => setN(n + 1)}>
      <Text>hello {n}</Text>
    </View>
  )
}
