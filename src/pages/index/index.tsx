import { View } from '@tarojs/components'

export default function Index() {
  return <View>hello</View>
}
