import { Button, View } from '@tarojs/components'
import './index.scss'

interface Props {
  /** Distinguishes the states for tests and styles: loading, empty, error. */
  kind: 'loading' | 'empty' | 'error'
  title: string
  body?: string
  /** A way on (retry, back); without it the state is final. */
  action?: { text: string; onClick: () => void }
}

/** What a page shows instead of content it does not have yet or cannot get: never a blank screen. */
export default function StateView({ kind, title, body, action }: Props) {
  return (
    <View className={`state-view state-view--${kind}`} id={`state-${kind}`}>
      <View className='state-view__title'>{title}</View>
      {body && <View className='state-view__body'>{body}</View>}
      {action && (
        <Button
          className='state-view__action'
          id={`state-${kind}-action`}
          size='mini'
          onClick={action.onClick}
        >
          {action.text}
        </Button>
      )}
    </View>
  )
}
