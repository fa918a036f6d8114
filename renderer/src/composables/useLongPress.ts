// Press-and-hold on touch screens opens the same context menu as a right click.
export function useLongPress(onHold: (x: number, y: number) => void, ms = 500) {
  let timer: ReturnType<typeof setTimeout> | null = null
  const cancel = () => {
    if (timer) {
      clearTimeout(timer)
    }
    timer = null
  }
  function onPointerDown(e: PointerEvent): void {
    if (e.pointerType !== 'touch') {
      return
    }
    cancel()
    const { clientX, clientY } = e
    timer = setTimeout(() => {
      timer = null
      onHold(clientX, clientY)
    }, ms)
  }
  return { onPointerDown, onPointerUp: cancel, onPointerMove: cancel, onPointerCancel: cancel }
}
