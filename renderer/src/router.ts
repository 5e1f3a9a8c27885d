import { useEffect, useRef } from 'react';
import { formatRoute, parseRoute } from './routes';
import { useAppStore } from './store';

/**
 * Keeps the page's hash and the store in step, both ways (see routes.ts). A change of section is a
 * new history entry, so that Back returns to the section before; a change of the record open within
 * a section replaces the address (the list selects its first record by itself, which must not make
 * Back a loop).
 */
export function useHashRoute(): void {
  const section = useAppStore((state) => state.section);
  const routeId = useAppStore((state) => state.routeId);
  const navigate = useAppStore((state) => state.navigate);
  const shownSection = useRef(section);

  useEffect(() => {
    const follow = () => {
      const route = parseRoute(window.location.hash);
      if (route) navigate(route.section, route.id);
    };
    window.addEventListener('hashchange', follow);
    window.addEventListener('popstate', follow);
    return () => {
      window.removeEventListener('hashchange', follow);
      window.removeEventListener('popstate', follow);
    };
  }, [navigate]);

  useEffect(() => {
    const wanted = formatRoute({ section, id: routeId });
    if (window.location.hash === wanted) {
      shownSection.current = section;
      return;
    }
    if (shownSection.current !== section) window.history.pushState(null, '', wanted);
    else window.history.replaceState(null, '', wanted);
    shownSection.current = section;
  }, [section, routeId]);
}
