import { Button, Text, View } from '@tarojs/components'
import { shownInput, type LandingError } from '../../landing'
import { strings } from '../../strings'
import './index.scss'

interface Props {
  error: LandingError
  onScanAgain: () => void
  /** Offered when trying the same landing again can help (the ticket service did not answer). */
  onRetry?: () => void
}

/** Why a scan could not land, what was scanned (as plain text, truncated) and a way on: scan again. */
export default function LandingErrorView({ error, onScanAgain, onRetry }: Props) {
  const text = strings.errors[error.code]
  const shown = error.input === undefined ? '' : shownInput(error.input)
  return (
    <View className='landing-error' id='landing-error' data-code={error.code}>
      <View className='landing-error__title'>{text.title}</View>
      <View className='landing-error__body'>{text.body}</View>
      {shown && (
        <View className='landing-error__content'>
          <Text className='landing-error__label'>{strings.errorState.contentLabel}</Text>
          {/* Rendered as text: never markup, however hostile the scanned content. */}
          <Text className='landing-error__input' userSelect>
            {shown}
          </Text>
        </View>
      )}
      {onRetry && (
        <Button className='landing-error__retry' id='retry' type='primary' onClick={onRetry}>
          {strings.errorState.retry}
        </Button>
      )}
      <Button
        className='landing-error__scan'
        id='scan-again'
        type={onRetry ? 'default' : 'primary'}
        onClick={onScanAgain}
      >
        {strings.errorState.scanAgain}
      </Button>
    </View>
  )
}
