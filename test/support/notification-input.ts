import type { NotificationInput } from '../../src/template/notification.js'

/**
 * A notification's inputs as a step with only a URL gives them (action.yml's defaults: no title
 * or body of its own, `mention-on: failure`), with what a test sets on top.
 */
export function notificationInput(overrides: Partial<NotificationInput> = {}): NotificationInput {
  return {
    title: '',
    body: '',
    status: 'success',
    mention: [],
    mentionOn: ['failure'],
    attachments: '',
    thread: undefined,
    update: undefined,
    alias: undefined,
    emoji: undefined,
    avatarUrl: undefined,
    ...overrides
  }
}
