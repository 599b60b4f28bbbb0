import type { PagePath, Params } from '../../landing'

export interface Props {
  /** The page to open in the mini program (declared for plaintext URL Schemes in the admin console). */
  page: PagePath
  /** Its params, already validated: the mini program's page checks them again. */
  params: Params
}
