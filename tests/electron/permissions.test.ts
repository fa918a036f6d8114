// Permission requests from web contents are denied unless allow-listed.
import { describe, expect, it } from 'vitest'
import { isPermissionAllowed } from '../../main/electron/permissions'
import { APP_ORIGIN } from '@shared/app-origin'

describe('isPermissionAllowed', () => {
  it('allows notifications for the app origin', () => {
    expect(isPermissionAllowed('notifications', 'app://envelope/index.html', APP_ORIGIN)).toBe(true)
    expect(isPermissionAllowed('notifications', 'app://envelope', APP_ORIGIN)).toBe(true)
  })

  it('allows the app to reach its loopback node under Local Network Access', () => {
    expect(isPermissionAllowed('loopback-network', 'app://envelope/index.html', APP_ORIGIN)).toBe(true)
    expect(isPermissionAllowed('local-network-access', 'app://envelope/index.html', APP_ORIGIN)).toBe(true)
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://envelope/index.html', APP_ORIGIN)).toBe(true)
    expect(isPermissionAllowed('loopback-network', 'https://example.com/', APP_ORIGIN)).toBe(false)
  })

  it('denies notifications to any other origin', () => {
    expect(isPermissionAllowed('notifications', 'https://example.com/', APP_ORIGIN)).toBe(false)
    expect(isPermissionAllowed('notifications', '', APP_ORIGIN)).toBe(false)
  })

  it.each(['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'usb', 'serial', 'local-network', 'unknown'])(
    'denies %s even to the app',
    (permission) => {
      expect(isPermissionAllowed(permission, 'app://envelope/index.html', APP_ORIGIN)).toBe(false)
    },
  )
})
