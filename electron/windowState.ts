/** Window bounds remembered between runs. Pure: no Electron import, so it is unit-tested. */
export interface WindowBounds {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface WindowState extends Partial<Pick<WindowBounds, 'x' | 'y'>> {
  width: number;
  height: number;
  maximized: boolean;
}

export const defaultWindowState: WindowState = { width: 1280, height: 820, maximized: false };
const minimumSize = { width: 900, height: 600 };

/** Reads a stored state, falling back to the default for anything missing or malformed. */
export function parseWindowState(text: string | null): WindowState {
  if (!text) return defaultWindowState;
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    const number = (key: string) => (typeof value[key] === 'number' && Number.isFinite(value[key]) ? (value[key] as number) : undefined);
    const width = number('width');
    const height = number('height');
    if (width === undefined || height === undefined) return defaultWindowState;
    const x = number('x');
    const y = number('y');
    return {
      width: Math.max(minimumSize.width, Math.round(width)),
      height: Math.max(minimumSize.height, Math.round(height)),
      maximized: value.maximized === true,
      ...(x !== undefined && y !== undefined ? { x: Math.round(x), y: Math.round(y) } : {}),
    };
  } catch {
    return defaultWindowState;
  }
}

/**
 * Keeps a remembered position only if the window's title bar would still be on one of today's
 * displays (a monitor may have been unplugged); otherwise lets the OS place the window.
 */
export function fitToDisplays(state: WindowState, workAreas: WindowBounds[]): WindowState {
  if (state.x === undefined || state.y === undefined) return state;
  const { x, y } = state;
  const titleBarVisible = workAreas.some(
    (area) => x + 100 <= area.x + area.width && x + state.width - 100 >= area.x && y >= area.y && y + 40 <= area.y + area.height,
  );
  if (titleBarVisible) return state;
  const { x: _x, y: _y, ...rest } = state;
  return rest;
}
