import {
  defaultFieldResolver,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { badInput } from './errors';
import { RefusedValue } from './scalars';
import { strictText, textKindOf } from './text';

/**
 * The name a refusal gives a value: its path inside the argument when the argument is an input
 * object (`surveyedAt`, `courses.2.title`, as parseInput names them), else the argument's name.
 */
function fieldName(path: readonly (string | number)[], argumentIsObject: boolean): string {
  return (argumentIsObject && path.length > 1 ? path.slice(1) : path).join('.');
}

interface Walk {
  argumentIsObject: boolean;
}

function checkValue(type: GraphQLInputType, value: unknown, path: (string | number)[], walk: Walk): unknown {
  if (value === null || value === undefined) return value;
  if (isNonNullType(type)) return checkValue(type.ofType, value, path, walk);
  if (isListType(type)) {
    return Array.isArray(value)
      ? value.map((item, i) => checkValue(type.ofType, item, [...path, i], walk))
      : checkValue(type.ofType, value, path, walk);
  }
  if (isInputObjectType(type)) {
    const object = value as Record<string, unknown>;
    const checked: Record<string, unknown> = { ...object };
    for (const [name, field] of Object.entries(type.getFields())) {
      if (name in object) checked[name] = checkValue(field.type, object[name], [...path, name], walk);
    }
    return checked;
  }
  if (!isScalarType(type)) return value;
  let problem: string | undefined;
  if (value instanceof RefusedValue) problem = value.problem;
  else if ((type.name === 'String' || type.name === 'ID') && typeof value === 'string') {
    const result = strictText(value, type.name === 'ID' ? 'code' : textKindOf(lastName(path)));
    if (result.problem === undefined) return result.value;
    problem = result.problem;
  } else return value;
  const field = fieldName(path, walk.argumentIsObject);
  throw badInput(field, `${field} ${problem}`);
}

/** The field a list item belongs to: `storeIds` for `storeIds.2`. */
const lastName = (path: readonly (string | number)[]) =>
  String(path.findLast((part) => typeof part === 'string') ?? '');

/** Checks one field's arguments; returns them with every value as the resolver may use it. */
function checkArguments(definitions: readonly GraphQLArgument[], args: Record<string, unknown>) {
  const checked: Record<string, unknown> = { ...args };
  for (const definition of definitions) {
    if (!(definition.name in args)) continue;
    const walk = { argumentIsObject: isInputObjectType(unwrap(definition.type)) };
    checked[definition.name] = checkValue(definition.type, args[definition.name], [definition.name], walk);
  }
  return checked;
}

function unwrap(type: GraphQLInputType): GraphQLInputType {
  return isNonNullType(type) || isListType(type) ? unwrap(type.ofType) : type;
}

/**
 * One rule for every argument of every subgraph, applied before any resolver runs: a value a
 * scalar refused (an impossible date, an instant without an offset) and text that breaks the text
 * rule (text.ts: control characters, length) become BAD_USER_INPUT naming the field, and text
 * reaches the resolver normalised (NFKC for names and codes, NFC otherwise). It wraps the resolvers
 * of every field that takes arguments, so no resolver can forget it.
 */
export function strictInput(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length === 0) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      const definitions = field.args;
      field.resolve = (source, args, context, info) =>
        resolve(source, checkArguments(definitions, args), context, info);
    }
  }
  return schema;
}
