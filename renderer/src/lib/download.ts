// Saves text as a file the way a browser does (the desktop shell turns it into a save dialog).
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** A name safe for a file: letters, digits, dot, dash. */
export function fileNameOf(name: string, suffix: string): string {
  return `${
    name
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'export'
  }${suffix}`
}
