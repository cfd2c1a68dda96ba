import { ApiError } from '../../errors/api-error.js';

type Json = Record<string, unknown> | unknown[];

const isContainer = (value: unknown): value is Json => value !== null && typeof value === 'object';

/**
 * A copy of `spec` with `value` at the dotted `path` (objects and arrays on the way are copied,
 * missing objects created). Whether the path is a real spec field is left to the schema, which
 * rejects unknown keys. Throws a 422 naming the parameter when the path crosses a plain value.
 */
export function setPath(spec: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const segments = path.split('.');
  const root: Record<string, unknown> = { ...spec };
  let node: Json = root;
  segments.forEach((segment, depth) => {
    const last = depth === segments.length - 1;
    const container = node as Record<string, unknown>;
    if (Array.isArray(node) && !/^\d+$/.test(segment)) {
      throw notAnObject(path, segments.slice(0, depth).join('.'), 'a list');
    }
    if (last) {
      container[segment] = value;
      return;
    }
    const child = container[segment];
    if (child === undefined) {
      const created: Record<string, unknown> = {};
      container[segment] = created;
      node = created;
    } else if (isContainer(child)) {
      const copy: Json = Array.isArray(child) ? [...(child as unknown[])] : { ...child };
      container[segment] = copy;
      node = copy;
    } else {
      throw notAnObject(path, segments.slice(0, depth + 1).join('.'), JSON.stringify(child));
    }
  });
  return root;
}

function notAnObject(path: string, at: string, what: string): ApiError {
  const message = `cannot be set: ${at} is ${what} in the base spec`;
  return new ApiError('VALIDATION_FAILED', `parameters.${path} ${message}`, {
    errors: [{ path: `parameters.${path}`, message }],
    title: 'Invalid sweep',
  });
}
